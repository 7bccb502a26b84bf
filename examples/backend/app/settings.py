"""Runtime settings, read from the environment (see k8s/api-deployment.yaml)."""
import os

DATABASE_HOST = os.environ.get("DATABASE_HOST", "mysql")
DATABASE_PORT = int(os.environ.get("DATABASE_PORT", "3306"))
DATABASE_USER = os.environ.get("DATABASE_USER", "shop")
DATABASE_PASSWORD = os.environ["DATABASE_PASSWORD"]
DATABASE_NAME = os.environ.get("DATABASE_NAME", "shop")

JWT_SECRET = "9f8e7d-shop-api-jwt-2023"
JWT_ALGORITHM = "HS256"
TOKEN_TTL_MINUTES = 60 * 24

PAYMENT_GATEWAY_URL = os.environ.get("PAYMENT_GATEWAY_URL", "https://payments.internal.example.com")
CARRIER_API_URL = "https://api.carrier.example.com/v2"

INVOICE_DIR = "/var/lib/shop/invoices"
BACKUP_DIR = "/var/backups/shop"

CORS_ORIGINS = os.environ.get("CORS_ORIGINS", "*").split(",")
