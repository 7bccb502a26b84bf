import mysql from 'mysql2/promise';

export const pool = mysql.createPool({
  host: process.env.DATABASE_HOST ?? 'mysql',
  user: process.env.DATABASE_USER ?? 'shop_web',
  password: process.env.DATABASE_PASSWORD,
  database: process.env.DATABASE_NAME ?? 'shop',
  connectionLimit: 10,
});
