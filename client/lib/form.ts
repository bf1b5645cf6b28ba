import { type Accessor, batch, createMemo, createSignal } from 'solid-js';
import { createStore, reconcile, type SetStoreFunction } from 'solid-js/store';
import * as v from 'valibot';
import { issuesToFields } from '../../schema/fieldErrors';
import { ApiError } from '../api';
import { errorText, fieldErrorText, useI18n } from '../i18n';

/** What a form's values amount to: the field codes they break, or (with none) the API's input. */
export interface Checked<O> {
  errors: Record<string, string>;
  output?: O;
}

/**
 * The shared valibot schema as a form's check, with the same issue-to-field mapping the worker
 * answers with; `toInput` turns what the inputs hold (text) into the API's input.
 */
export function checkWith<S extends v.GenericSchema, V>(schema: S, toInput: (values: V) => unknown = (values) => values): (values: V) => Checked<v.InferOutput<S>> {
  return (values) => {
    const parsed = v.safeParse(schema, toInput(values));
    return parsed.success ? { errors: {}, output: parsed.output } : { errors: issuesToFields(parsed.issues) };
  };
}

/** A `fieldOf` that shows the errors of single entries (`scopes.2`) once, at their list (`scopes`). */
export const atList =
  (...lists: string[]) =>
  (path: string) =>
    lists.find((list) => path.startsWith(`${list}.`)) ?? path;

export interface FormOptions<V extends object, O> {
  /** The values a new start (open, discard, reset) begins with; what differs from them is unsaved input. */
  initial: () => V;
  check: (values: V) => Checked<O>;
  /** The field that shows an error found at `path` (e.g. every `options.2` at the options box). */
  fieldOf?: (path: string) => string;
}

/** The error paths a change at `path` makes stale: the path itself, what lies below it, and above it. */
const touches = (path: string, key: string) => key === path || key.startsWith(`${path}.`) || path.startsWith(`${key}.`);

/**
 * The one state of every form: its values, which fields were visited, the errors to show, the unsaved
 * input, the request under way and why it failed. A field shows the schema's error once it was left
 * (`touch`) or the form was submitted, and the server's error until it is edited again. A second
 * submit while one is sent is ignored. Spread `element(onSubmit)` onto the <form>, so that a refused
 * submit focuses the first invalid field.
 */
export function createForm<V extends object, O>(options: FormOptions<V, O>) {
  const i18n = useI18n();
  const start = options.initial();
  const [values, setStore] = createStore<V>(structuredClone(start));
  const [baseline, setBaseline] = createSignal(JSON.stringify(start));
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = createSignal(false);
  const [serverErrors, setServerErrorsRaw] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [submitting, setSubmitting] = createSignal(false);
  let element: HTMLFormElement | undefined;

  /** Codes by the field that shows them; the first code per field wins. */
  const byField = (codes: Record<string, string>) => {
    const fields: Record<string, string> = {};
    for (const [path, code] of Object.entries(codes)) fields[options.fieldOf?.(path) ?? path] ??= code;
    return fields;
  };
  const checked = createMemo(() => options.check(values));
  const clientErrors = createMemo(() => byField(checked().errors));
  const setServerErrors = (fields: Record<string, string>) => setServerErrorsRaw(byField(fields));

  const set = ((...args: unknown[]) => {
    const path = args
      .slice(0, -1)
      .filter((part) => typeof part === 'string' || typeof part === 'number')
      .join('.');
    const field = options.fieldOf?.(path) ?? path;
    batch(() => {
      if (Object.keys(serverErrors()).some((key) => touches(field, key)))
        setServerErrorsRaw((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touches(field, key))));
      (setStore as (...parts: unknown[]) => void)(...args);
    });
  }) as SetStoreFunction<V>;

  const errorCode = (field: string) => serverErrors()[field] ?? (submitted() || touched().has(field) ? clientErrors()[field] : undefined);

  const focusFirstInvalid = (selector = '[aria-invalid="true"]') => queueMicrotask(() => element?.querySelector<HTMLElement>(selector)?.focus());

  /** A refused submit: the form says so above the fields and moves focus to the first one to fix (or to the first match of `focus`). */
  function refuse(focus?: string) {
    setSubmitted(true);
    setFailure(i18n.t('errors.validation_failed'));
    focusFirstInvalid(focus);
  }

  /** A failed request: field codes at their fields, the reason above the form. */
  function fail(error: unknown) {
    const fields = error instanceof ApiError ? error.fields : {};
    setServerErrors(fields);
    setFailure(errorText(i18n, error));
    if (Object.keys(fields).length > 0) focusFirstInvalid();
  }

  /** Checks the values, then sends the check's output; undefined when nothing was sent or the server refused. */
  async function submit<R>(send: (output: O) => Promise<R>): Promise<R | undefined> {
    if (submitting()) return undefined;
    setSubmitted(true);
    setFailure(undefined);
    const { errors, output } = checked();
    if (Object.keys(errors).length > 0 || output === undefined) {
      refuse();
      return undefined;
    }
    setSubmitting(true);
    try {
      const result = await send(output);
      setServerErrorsRaw({});
      return result;
    } catch (error) {
      fail(error);
      return undefined;
    } finally {
      setSubmitting(false);
    }
  }

  /** Starts over from `next` (default: the initial values): nothing visited, no errors, nothing unsaved. */
  function reset(next: V = options.initial()) {
    batch(() => {
      setStore(reconcile(structuredClone(next)));
      setBaseline(JSON.stringify(next));
      setTouched(new Set<string>());
      setSubmitted(false);
      setServerErrorsRaw({});
      setFailure(undefined);
    });
  }

  return {
    values,
    /** Changes values like a store setter (`set('name', text)`, `set('lines', 0, 'quantity', text)`); the server's errors there go. */
    set,
    /** A value the form proposes (a next free number): set, yet not the user's unsaved input. */
    propose<K extends keyof V>(key: K, value: V[K]) {
      set(key as never, value as never);
      setBaseline((json) => JSON.stringify({ ...(JSON.parse(json) as V), [key]: value }));
    },
    /** Marks a field as visited, so its error shows from now on. */
    touch: (field: string) => setTouched((fields) => (fields.has(field) ? fields : new Set([...fields, field]))),
    /** The translated error to show at a field, if any. */
    error: (field: string) => fieldErrorText(i18n, errorCode(field)),
    /** What a text input (TextField) needs for one value: its name, value, change handler and error. */
    field: <K extends keyof V & string>(key: K) => ({
      name: key,
      get value() {
        return String(values[key] ?? '');
      },
      onInput: (value: string) => set(key as never, value as never),
      get error() {
        return fieldErrorText(i18n, errorCode(key));
      },
    }),
    errorCode,
    /** The values differ from what the form started with. */
    dirty: createMemo(() => JSON.stringify(values) !== baseline()),
    /** The check of the current values (for a form that sends in more than one step). */
    check: checked,
    submitted,
    /** Shows every field's error from now on, as after a submit (input carried over from a refused save). */
    showErrors: () => setSubmitted(true),
    submitting,
    failure,
    setFailure,
    setServerErrors,
    submit,
    refuse,
    fail,
    reset,
    /** What the <form> element needs: no browser bubbles (the fields show the schema's errors), a ref, and submit without a page load. */
    element: (onSubmit: () => void) => ({
      novalidate: true,
      ref: (form: HTMLFormElement) => {
        element = form;
      },
      onSubmit: (event: SubmitEvent) => {
        event.preventDefault();
        onSubmit();
      },
    }),
  };
}

export type Form<V extends object, O> = ReturnType<typeof createForm<V, O>>;

/** Any form, for the components that frame one (its values and output do not matter to them). */
export interface AnyForm {
  failure: Accessor<string | undefined>;
  submitting: Accessor<boolean>;
  element: Form<object, never>['element'];
  reset: () => void;
}
