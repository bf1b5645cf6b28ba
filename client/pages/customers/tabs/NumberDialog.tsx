import type * as v from 'valibot';
import { Field } from '../../../components/Field';
import { FormDialog } from '../../../components/FormDialog';
import { checkWith, createForm } from '../../../lib/form';

/** One whole number to change (a subscription's quantity, a licence's seats in use), checked by the API's own schema. */
export function NumberDialog<S extends v.GenericSchema>(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  label: string;
  hint?: string;
  /** The input's field name in the schema and in the API's field errors. */
  field: string;
  initial: number;
  min: number;
  max?: number;
  schema: S;
  input: (value: number) => unknown;
  send: (value: v.InferOutput<S>) => Promise<unknown>;
  testId: string;
}) {
  const form = createForm({
    initial: () => ({ text: String(props.initial) }),
    check: checkWith(props.schema, ({ text }: { text: string }) => props.input(text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')))),
  });

  async function save() {
    const saved = await form.submit(async (parsed) => {
      await props.send(parsed);
      return true;
    });
    if (saved) props.onOpenChange(false);
  }

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.title}
      description={props.description}
      form={form}
      onSubmit={() => void save()}
      testId={props.testId}
    >
      <Field label={props.label} hint={props.hint} required error={form.error(props.field)}>
        {(control) => (
          <input
            {...control}
            class="input"
            type="number"
            inputMode="numeric"
            name={props.field}
            min={props.min}
            max={props.max}
            step={1}
            value={form.values.text}
            onInput={(event) => form.set('text', event.currentTarget.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
