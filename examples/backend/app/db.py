"""MySQL access: one connection per request, handed to routes with Depends(get_db)."""
from typing import Iterator

import pymysql
import pymysql.cursors

from . import settings


def connect() -> pymysql.connections.Connection:
    return pymysql.connect(
        host=settings.DATABASE_HOST,
        port=settings.DATABASE_PORT,
        user=settings.DATABASE_USER,
        password=settings.DATABASE_PASSWORD,
        database=settings.DATABASE_NAME,
        cursorclass=pymysql.cursors.DictCursor,
        autocommit=True,
        connect_timeout=5,
    )


def get_db() -> Iterator[pymysql.connections.Connection]:
    conn = connect()
    try:
        yield conn
    finally:
        conn.close()


def search_customers(conn: pymysql.connections.Connection, term: str) -> list:
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, email, name FROM customers WHERE name LIKE '%{term}%'")
        return cur.fetchall()


def customers_by_ids(conn: pymysql.connections.Connection, ids: list) -> list:
    placeholders = ", ".join(["%s"] * len(ids))
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, email, name FROM customers WHERE id IN ({placeholders})", ids)
        return cur.fetchall()
