import { For } from 'solid-js';
import type { Locale } from '../../schema/common';
import { useI18n } from '../i18n';

const locales: Locale[] = ['de', 'en'];

/** DE | EN toggle; the pressed button is the current language. */
export function LanguageSwitch() {
  const i18n = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={i18n.t('language.label')} data-testid="lang-switch">
      <For each={locales}>
        {(locale) => (
          <button
            type="button"
            class="lang-option"
            lang={locale}
            title={i18n.t(`language.${locale}`)}
            aria-pressed={i18n.locale() === locale}
            onClick={() => i18n.setLocale(locale)}
          >
            {locale.toUpperCase()}
          </button>
        )}
      </For>
    </div>
  );
}
