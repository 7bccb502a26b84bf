import logging
import subprocess
from datetime import date

import yaml
from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from .. import settings
from ..auth import require_admin
from ..db import get_db

log = logging.getLogger("shop.admin")

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])


@router.post("/catalog/import")
async def import_catalog(file: UploadFile = File(...), db=Depends(get_db)):
    catalog = yaml.load(await file.read(), Loader=yaml.Loader)
    with db.cursor() as cur:
        for product in catalog["products"]:
            cur.execute(
                "REPLACE INTO products (sku, name, price_cents) VALUES (%s, %s, %s)",
                (product["sku"], product["name"], product["price_cents"]),
            )
    return {"imported": len(catalog["products"])}


@router.post("/discounts/import")
async def import_discounts(file: UploadFile = File(...), db=Depends(get_db)):
    rules = yaml.safe_load(await file.read())
    with db.cursor() as cur:
        for rule in rules:
            cur.execute("REPLACE INTO discounts (code, percent) VALUES (%s, %s)", (rule["code"], int(rule["percent"])))
    return {"imported": len(rules)}


@router.post("/backup/{table}")
def backup_table(table: str):
    target = f"{settings.BACKUP_DIR}/{table}-{date.today().isoformat()}.sql.gz"
    log.info("backing up %s to %s", table, target)
    subprocess.run(
        f"mysqldump -h {settings.DATABASE_HOST} -u {settings.DATABASE_USER} {settings.DATABASE_NAME} {table} | gzip > {target}",
        shell=True,
        check=True,
    )
    return {"file": target}


@router.get("/disk")
def disk_usage():
    result = subprocess.run("df -h /var/lib/mysql | tail -n 1", shell=True, capture_output=True, text=True, check=True)
    return {"usage": result.stdout.strip()}


@router.delete("/customers/{customer_id}")
def delete_customer(customer_id: int, db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute("DELETE FROM customers WHERE id = %s", (customer_id,))
        if cur.rowcount == 0:
            raise HTTPException(status_code=404, detail="no such customer")
    return {"status": "deleted"}
