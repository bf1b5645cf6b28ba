import type * as v from 'valibot';
import { type Checked, checkWith, createForm } from './form';

/** The props every add-or-edit dialog takes from the page that opens it. */
export interface RowDialogProps<Row> {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (row: Row, created: boolean) => void;
}

/** Two values are the same input when they are equal once text is trimmed (the schemas trim it). */
const sameInput = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : JSON.stringify(a ?? null) === JSON.stringify(b ?? null));

/** The values of `input` that differ from the stored row. */
export const changedFrom = (row: object, input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([key, value]) => !sameInput((row as Record<string, unknown>)[key], value)));

type RowChange<C, U> = { create: C } | { update: U } | { unchanged: true };

const as = <O, R>(checked: Checked<O>, wrap: (output: O) => R): Checked<R> =>
  checked.output === undefined ? { errors: checked.errors } : { errors: checked.errors, output: wrap(checked.output) };

/**
 * The form of an add-or-edit dialog, on the one form primitive: opened with the row's values (or the
 * empty ones), saved as a new row (create schema) or as a change of the row: only the values that
 * differ from it, with its version, so the audit log says what changed; nothing is sent when nothing
 * differs. On success the page hears of the row and the dialog closes. `dialog` spreads onto FormDialog.
 */
export function createRowForm<Row extends { id: string; version: number }, V extends object, C extends v.GenericSchema, U extends v.GenericSchema>(
  props: RowDialogProps<Row>,
  plan: {
    row: () => Row | undefined;
    /** The inputs' values for the row, or for a new one. */
    values: (row: Row | undefined) => V;
    /** The API's input from the values, when the inputs differ from it (a price typed as text). */
    toInput?: (values: V) => Record<string, unknown>;
    createSchema: C;
    updateSchema: U;
    create: (input: v.InferOutput<C>) => Promise<Row>;
    update: (id: string, patch: v.InferOutput<U>) => Promise<Row>;
    fieldOf?: (path: string) => string;
  },
) {
  const toInput = plan.toInput ?? ((values: V) => values as Record<string, unknown>);
  const form = createForm<V, RowChange<v.InferOutput<C>, v.InferOutput<U>>>({
    initial: () => plan.values(plan.row()),
    fieldOf: plan.fieldOf,
    check: (values) => {
      const row = plan.row();
      const input = toInput(values);
      if (!row) return as(checkWith(plan.createSchema)(input), (create) => ({ create }));
      const changed = changedFrom(row, input);
      if (Object.keys(changed).length === 0) return { errors: {}, output: { unchanged: true } };
      return as(checkWith(plan.updateSchema)({ version: row.version, ...changed }), (update) => ({ update }));
    },
  });

  async function save() {
    const row = plan.row();
    const sent = await form.submit(async (change) => ({
      saved: 'create' in change ? await plan.create(change.create) : 'update' in change ? await plan.update(row!.id, change.update) : undefined,
    }));
    if (!sent) return;
    if (sent.saved) props.onSaved(sent.saved, !row);
    props.onOpenChange(false);
  }

  const dialog = {
    get open() {
      return props.open;
    },
    onOpenChange: (open: boolean) => props.onOpenChange(open),
    form,
    onSubmit: () => void save(),
  };
  return { form, field: form.field, dialog };
}
