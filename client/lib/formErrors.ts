export { issuesToFields } from '../../schema/fieldErrors';
