import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { textLimits } from '@contract/limits';
import './search.css';

/**
 * The search in the app's header: Ctrl+K (⌘K on a Mac) from anywhere puts the cursor in it, and
 * Enter opens the results as links.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState('');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = term.trim();
    if (trimmed) void navigate(`/search?q=${encodeURIComponent(trimmed)}`);
  };

  return (
    <form role="search" className="header-search" onSubmit={submit} aria-label={t('search.label')}>
      <label htmlFor="header-search" className="header-search__label">
        {t('search.label')} <span className="header-search__keys">{t('search.keys')}</span>
      </label>
      <input
        ref={input}
        id="header-search"
        type="search"
        className="header-search__input"
        maxLength={textLimits.search}
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        aria-describedby="header-search-hint"
      />
      <span id="header-search-hint" className="visually-hidden">
        {t('search.hint')}
      </span>
    </form>
  );
}
