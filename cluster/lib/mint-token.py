#!/usr/bin/env python3
"""Mints an HS256 JWT for ECS from the cluster's secret file (the bytes, trailing whitespace
stripped, as ecs-node reads them). Used by cluster/up until `ecsctl token` exists.

usage: mint-token.py SECRET_FILE [--tenant T] [--scope "ecs:read ecs:write"] [--sub S] [--hours H]
"""
import argparse, base64, hashlib, hmac, json, time

def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

parser = argparse.ArgumentParser()
parser.add_argument("secret_file")
parser.add_argument("--tenant", default="*")
parser.add_argument("--scope", default="ecs:read ecs:write ecs:approve ecs:admin")
parser.add_argument("--sub", default="local-admin")
parser.add_argument("--hours", type=float, default=24 * 30)
args = parser.parse_args()
with open(args.secret_file, "rb") as handle:
    key = handle.read().rstrip(b" \t\r\n")
header = {"alg": "HS256", "typ": "JWT"}
claims = {"sub": args.sub, "tenant": args.tenant, "scope": args.scope, "exp": int(time.time() + args.hours * 3600)}
signing_input = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + b64(
    json.dumps(claims, separators=(",", ":")).encode())
signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
print(signing_input + "." + b64(signature))
