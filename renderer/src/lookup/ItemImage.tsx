import { useState, type ReactNode } from 'react';
import { catalogImageUrl } from './useItemSearch.ts';

/**
 * A product or category picture, or, where the catalog has none (or it fails to load), a calm
 * placeholder with the name's first letter so tiles keep their rhythm.
 */
export function ItemImage({ image, name, className }: { readonly image: string | null; readonly name: string; readonly className?: string }): ReactNode {
  const [failed, setFailed] = useState(false);
  const classes = ['item-image', className].filter(Boolean).join(' ');
  if (image === null || failed) {
    return (
      <span className={`${classes} item-image-placeholder`} aria-hidden="true" data-testid="item-image-placeholder">
        {name.trim().charAt(0).toUpperCase()}
      </span>
    );
  }
  return <img className={classes} src={catalogImageUrl(image)} alt="" loading="lazy" draggable={false} onError={() => setFailed(true)} />;
}
