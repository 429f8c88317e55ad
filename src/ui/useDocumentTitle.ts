import { useEffect } from 'react';

/** Screen readers announce the title on navigation, and it names the tab. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Fieldbook` : 'Fieldbook';
  }, [title]);
}
