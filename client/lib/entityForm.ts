import { createSignal } from 'solid-js';
import type * as v from 'valibot';
import { createFormState, type FormState } from '../components/FormDialog';

/** The inputs of a form as one object; `set` changes one of them. */
export function createDraft<T extends object>(empty: () => T) {
  const [draft, setDraft] = createSignal<T>(empty());
  const set = <K extends keyof T>(key: K, value: T[K]) => setDraft((current) => ({ ...current, [key]: value }));
  return { draft, set, load: (value: T) => setDraft(() => value) };
}

/**
 * Saves a form's draft as a new row (POST to `createPath`) or as a change of `existing` (PATCH with
 * its version and only the values that differ, so the audit log says what changed). The answer's
 * `key` holds the saved row; undefined when the schema or the API refused (shown by `form`).
 */
export async function saveDraft<Row extends { id: string; version: number }, D extends object>(
  form: FormState,
  plan: {
    existing?: Row;
    draft: D;
    createSchema: v.GenericSchema;
    updateSchema: v.GenericSchema;
    create: (input: never) => Promise<Row>;
    update: (id: string, patch: never) => Promise<Row>;
  },
): Promise<Row | undefined> {
  const { existing, draft } = plan;
  if (!existing) {
    return form.submit(plan.createSchema, draft, (body) => plan.create(body as never));
  }
  const changed = Object.fromEntries(Object.entries(draft).filter(([key, value]) => (existing as Record<string, unknown>)[key] !== value));
  if (Object.keys(changed).length === 0) return existing;
  return form.submit(plan.updateSchema, { version: existing.version, ...changed }, (body) => plan.update(existing.id, body as never));
}

/** The props every add-or-edit dialog takes from the page that opens it. */
export interface EntityDialogProps<Row> {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (row: Row, created: boolean) => void;
}

/**
 * The whole of an add-or-edit dialog's form: on opening the draft is filled from the row (or left
 * empty), on submit it is saved, reported and the dialog closed. `dialog` spreads onto FormDialog.
 * Call it inside the dialog component.
 */
export function createEntityForm<Row extends { id: string; version: number }, D extends object>(
  props: EntityDialogProps<Row>,
  plan: {
    existing: () => Row | undefined;
    empty: () => D;
    fromRow: (row: Row) => D;
    /** The API's input from the draft, when the inputs differ from it (a price typed as text). */
    toInput?: (draft: D) => object;
    createSchema: v.GenericSchema;
    updateSchema: v.GenericSchema;
    create: (input: never) => Promise<Row>;
    update: (id: string, patch: never) => Promise<Row>;
  },
) {
  const form = createFormState();
  const { draft, set, load } = createDraft(plan.empty);
  const onOpen = () => {
    const row = plan.existing();
    load(row ? plan.fromRow(row) : plan.empty());
  };
  async function save() {
    const existing = plan.existing();
    const saved = await saveDraft<Row, object>(form, {
      existing,
      draft: plan.toInput ? plan.toInput(draft()) : draft(),
      createSchema: plan.createSchema,
      updateSchema: plan.updateSchema,
      create: plan.create,
      update: plan.update,
    });
    if (!saved) return;
    props.onSaved(saved, !existing);
    props.onOpenChange(false);
  }
  /** What a text input needs for one value of the draft: its name, value, change handler and error. */
  const field = <K extends keyof D & string>(key: K) => ({
    name: key,
    get value() {
      return String(draft()[key] ?? '');
    },
    onInput: (value: string) => set(key, value as D[K]),
    get error() {
      return form.error(key);
    },
  });
  const dialog = {
    get open() {
      return props.open;
    },
    onOpenChange: (open: boolean) => props.onOpenChange(open),
    form,
    onOpen,
    onSubmit: () => void save(),
  };
  return { form, draft, set, field, dialog };
}
