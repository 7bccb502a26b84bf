import logging

from fastapi import Depends, FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import OAuth2PasswordRequestForm

from . import settings
from .auth import authenticate, create_access_token
from .db import get_db
from .routers import admin, customers, orders

logging.basicConfig(level=logging.DEBUG)

app = FastAPI(title="Shop API", version="1.4.2")

app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.CORS_ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

app.include_router(orders.router)
app.include_router(customers.router)
app.include_router(admin.router)


@app.post("/auth/token")
def login(form: OAuth2PasswordRequestForm = Depends(), db=Depends(get_db)):
    user = authenticate(db, form.username, form.password)
    if user is None:
        raise HTTPException(status_code=401, detail="wrong email or password")
    return {"access_token": create_access_token(user), "token_type": "bearer"}


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
