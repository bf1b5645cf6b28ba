import { createSignal, createUniqueId, Match, Show, Switch } from 'solid-js';
import type { ResellerSettings } from '../../../schema/settings';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { InvitationSettings } from './InvitationSettings';
import { MarkupSettings } from './MarkupSettings';
import { createResellerSettings } from './resellerSettings';

export function ResellerSettingsSection() {
  const i18n = useI18n();
  const session = useSession();
  const toast = useToast();
  const hintId = createUniqueId();
  const store = createResellerSettings();
  const { settings, refetch } = store;
  const [saving, setSaving] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string>();

  async function setStrictRule(current: ResellerSettings, on: boolean) {
    setSaving(true);
    setSaveError(undefined);
    try {
      await store.setOnlyOwnerAddsCustomers(current, on);
      toast.show('success', i18n.t('common.saved'));
      // The rule changes who may add customers, so the session's permissions are stale now.
      void session.refresh();
    } catch (error) {
      setSaveError(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="card" aria-labelledby="reseller-settings-title">
      <div class="section-header">
        <div>
          <h2 class="section-title" id="reseller-settings-title">
            {i18n.t('settings.reseller.title')}
          </h2>
          <p class="muted">{i18n.t('settings.reseller.description')}</p>
        </div>
      </div>
      {/* State checks first: reading the value while it loads would suspend the whole page. */}
      <Switch>
        <Match when={settings.error}>{(error) => <ErrorState error={error()} onRetry={refetch} />}</Match>
        <Match when={settings.state === 'unresolved' || settings.state === 'pending'}>
          <LoadingState />
        </Match>
        <Match when={settings.latest}>
          {(current) => (
            <>
              <dl class="details">
                <div>
                  <dt>{i18n.t('settings.reseller.name')}</dt>
                  <dd>{current().name}</dd>
                </div>
                <div>
                  <dt>{i18n.t('settings.reseller.partnerType')}</dt>
                  <dd>
                    {i18n.t(`partnerTypes.${current().partnerType}`)}
                    <span class="field-hint">{i18n.t('settings.reseller.partnerTypeHint')}</span>
                  </dd>
                </div>
                <div>
                  <dt>{i18n.t('settings.reseller.currency')}</dt>
                  <dd>{current().currency}</dd>
                </div>
              </dl>
              <div class="checkbox-field">
                <input
                  id={`${hintId}-input`}
                  type="checkbox"
                  class="checkbox"
                  checked={current().onlyOwnerAddsCustomers}
                  disabled={saving()}
                  aria-describedby={hintId}
                  onChange={(event) => void setStrictRule(current(), event.currentTarget.checked)}
                />
                <div>
                  <label for={`${hintId}-input`} class="field-label">
                    {i18n.t('settings.reseller.onlyOwnerAddsCustomers')}
                  </label>
                  <p class="field-hint" id={hintId}>
                    {i18n.t('settings.reseller.onlyOwnerAddsCustomersHint')}
                  </p>
                </div>
              </div>
              <div aria-live="polite">
                <Show when={saveError()}>
                  <p class="alert alert-error">{saveError()}</p>
                </Show>
              </div>
              <InvitationSettings current={current()} save={store.update} />
              <MarkupSettings current={current()} save={store.update} />
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
