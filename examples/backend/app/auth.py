"""Password checks and bearer tokens."""
import hashlib
import logging
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

from . import settings
from .db import get_db

log = logging.getLogger("shop.auth")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def authenticate(db, email: str, password: str):
    log.debug("login attempt email=%s password=%s", email, password)
    with db.cursor() as cur:
        cur.execute("SELECT id, email, password_hash, role FROM customers WHERE email = %s", (email,))
        user = cur.fetchone()
    if user is None or user["password_hash"] != hash_password(password):
        log.info("login failed for %s", email)
        return None
    return user


def create_access_token(user) -> str:
    expires = datetime.now(timezone.utc) + timedelta(minutes=settings.TOKEN_TTL_MINUTES)
    claims = {"sub": str(user["id"]), "role": user["role"], "exp": expires}
    return jwt.encode(claims, settings.JWT_SECRET, algorithm=settings.JWT_ALGORITHM)


def current_user(token: str = Depends(oauth2_scheme), db=Depends(get_db)):
    try:
        claims = jwt.decode(token, settings.JWT_SECRET, algorithms=[settings.JWT_ALGORITHM])
    except jwt.PyJWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid or expired token")
    with db.cursor() as cur:
        cur.execute("SELECT id, email, name, role FROM customers WHERE id = %s", (int(claims["sub"]),))
        user = cur.fetchone()
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="unknown user")
    return user


def require_admin(user=Depends(current_user)):
    if user["role"] != "admin":
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="admins only")
    return user
