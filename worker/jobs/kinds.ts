// Every job kind registers itself on import; the runner imports this module. A new kind (e.g. the
// import) adds its module here.
import '../imports/job';
import './customerKinds';
import './exportKind';
