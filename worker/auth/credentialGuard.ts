// A remembered actor's credential as a condition of the write's own batch: the write commits only if,
// inside its transaction, the session is still signed in (or the token unrevoked and unexpired) and
// everything the actor's permissions were derived from (the user's role and activity, the reseller's
// plan and rules) is as it was. So a write need not wait for the credential check before it commits,
// and revocation stays exact: a signed-out session or a changed role never gets a write through.
import { type SQL, sql } from 'drizzle-orm';
import { nowIso } from '../db';
import type { Actor } from '../env';

// Plain SQL with aliases: inside a guard drizzle renders columns without their table, which a join makes ambiguous.

/** The reseller's side: what `effectivePermissions` reads of it. */
const resellerAsRemembered = (actor: Actor) =>
  sql`r.id = ${actor.resellerId} AND r.partner_type = ${actor.reseller.partnerType} AND r.only_owner_adds_customers = ${actor.reseller.onlyOwnerAddsCustomers ? 1 : 0}`;

export function credentialStillHolds(actor: Actor): SQL {
  const now = nowIso();
  if (actor.apiTokenId !== undefined) {
    return sql`EXISTS (SELECT 1 FROM api_tokens t JOIN resellers r ON r.id = t.reseller_id
      WHERE t.id = ${actor.apiTokenId} AND t.revoked_at IS NULL AND (t.expires_on IS NULL OR t.expires_on >= ${now.slice(0, 10)}) AND ${resellerAsRemembered(actor)})`;
  }
  return sql`EXISTS (SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id JOIN resellers r ON r.id = u.reseller_id
    WHERE s.token_hash = ${actor.sessionTokenHash} AND s.revoked_at IS NULL AND s.expires_at > ${now}
      AND u.id = ${actor.userId} AND u.active = 1 AND u.role = ${actor.role} AND ${resellerAsRemembered(actor)})`;
}
