// Type-only: the codes the shared valibot schemas give as messages (`v.maxLength(200, 'too_long')`)
// become the API's field codes (schema/fieldErrors.ts), so each must be a FieldErrorCode. valibot keeps
// a literal message in the schema's type; this collects them from every schema a module exports, and
// `npm run typecheck` fails naming any code that is not one.
import type * as audit from './audit';
import type * as auth from './auth';
import type * as common from './common';
import type * as customers from './customers';
import type * as customFields from './customFields';
import type { FieldErrorCode } from './errorCodes';
import type * as exports from './exports';
import type * as imports from './imports';
import type * as integrations from './integrations';
import type * as invitations from './invitations';
import type * as jobs from './jobs';
import type * as orderStatuses from './orderStatuses';
import type * as orders from './orders';
import type * as permissions from './permissions';
import type * as realtime from './realtime';
import type * as savedViews from './savedViews';
import type * as settings from './settings';
import type * as staff from './staff';
import type * as tags from './tags';

type Step = [never, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/** The literal messages inside a schema: its own, its pipe's actions', and those of every schema it wraps or holds. */
type MessagesIn<T, Depth extends number = 15> = [Depth] extends [never]
  ? never
  :
      | (T extends { readonly message: infer Message } ? (Message extends string ? Message : never) : never)
      | (T extends { readonly pipe: readonly (infer Item)[] } ? MessagesIn<Item, Step[Depth]> : never)
      | (T extends { readonly entries: infer Entries } ? MessagesIn<Entries[keyof Entries], Step[Depth]> : never)
      | (T extends { readonly wrapped: infer Wrapped } ? MessagesIn<Wrapped, Step[Depth]> : never)
      | (T extends { readonly item: infer Item } ? MessagesIn<Item, Step[Depth]> : never)
      | (T extends { readonly items: readonly (infer Item)[] } ? MessagesIn<Item, Step[Depth]> : never)
      | (T extends { readonly options: readonly (infer Option)[] } ? MessagesIn<Option, Step[Depth]> : never)
      | (T extends { readonly key: infer Key; readonly value: infer Value } ? MessagesIn<Key | Value, Step[Depth]> : never);

type SchemaModules =
  | typeof audit
  | typeof auth
  | typeof common
  | typeof customers
  | typeof customFields
  | typeof exports
  | typeof imports
  | typeof integrations
  | typeof invitations
  | typeof jobs
  | typeof orders
  | typeof orderStatuses
  | typeof permissions
  | typeof realtime
  | typeof savedViews
  | typeof settings
  | typeof staff
  | typeof tags;

type Exported<Module> = Module extends unknown ? Module[keyof Module] : never;

/** The codes the exported schemas report that are no FieldErrorCode: must stay `never`. */
export type UnknownSchemaCodes = Exclude<MessagesIn<Exported<SchemaModules>>, FieldErrorCode>;
type MustBeNever<T extends never> = T;
export type SchemaCodesAreFieldCodes = MustBeNever<UnknownSchemaCodes>;
