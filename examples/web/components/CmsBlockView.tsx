import type { CmsBlock } from '@/lib/cms';

export function CmsBlockView({ block }: { block: CmsBlock }) {
  return (
    <section className="cms-block">
      <h2>{block.title}</h2>
      <div className="cms-body" dangerouslySetInnerHTML={{ __html: block.bodyHtml }} />
    </section>
  );
}
