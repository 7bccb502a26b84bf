/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  output: 'standalone',
  images: {
    remotePatterns: [{ protocol: 'https', hostname: 'cms.shop.example.com' }],
  },
  async rewrites() {
    return [{ source: '/backend/:path*', destination: `${process.env.API_URL}/:path*` }];
  },
};

module.exports = nextConfig;
