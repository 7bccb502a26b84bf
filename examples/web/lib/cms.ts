const CMS_URL = process.env.CMS_URL ?? 'https://cms.shop.example.com';

export interface CmsBlock {
  id: string;
  title: string;
  bodyHtml: string;
}

export interface CmsPage {
  slug: string;
  title: string;
  blocks: CmsBlock[];
}

export async function fetchPage(slug: string): Promise<CmsPage | null> {
  const res = await fetch(`${CMS_URL}/api/pages/${encodeURIComponent(slug)}`, { next: { revalidate: 60 } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`CMS answered ${res.status}`);
  return res.json();
}
