const COPYRIGHT = '&copy; 2024 Shop GmbH &middot; <a href="/imprint">Imprint</a>';

export function Footer() {
  return <footer dangerouslySetInnerHTML={{ __html: COPYRIGHT }} />;
}
