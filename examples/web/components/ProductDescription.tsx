import DOMPurify from 'isomorphic-dompurify';

export interface Product {
  sku: string;
  name: string;
  descriptionHtml: string;
}

export function ProductDescription({ product }: { product: Product }) {
  return (
    <article>
      <h1>{product.name}</h1>
      <div className="description" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(product.descriptionHtml) }} />
    </article>
  );
}
