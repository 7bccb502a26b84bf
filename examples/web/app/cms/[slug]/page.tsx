import { notFound } from 'next/navigation';
import { CmsBlockView } from '@/components/CmsBlockView';
import { fetchPage } from '@/lib/cms';

export default async function CmsPageView({ params }: { params: { slug: string } }) {
  const page = await fetchPage(params.slug);
  if (!page) notFound();
  return (
    <main>
      <h1>{page.title}</h1>
      {page.blocks.map((block) => (
        <CmsBlockView key={block.id} block={block} />
      ))}
    </main>
  );
}
