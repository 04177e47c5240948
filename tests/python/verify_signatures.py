"""Checks bos signatures with python-peerplays (the held-out oracle of issue 2).

Input on stdin: a JSON list of {"label", "chain_id", "prefix", "unsigned_hex", "signatures", "pubs"}.
Each signature is recovered with graphenebase.ecdsa.verify_message over chain_id || unsigned tx
and must give the expected public key. Prints "verified N" and exits 0, or names the failure.
Run by tests/python_oracle.rs when BOS_PYTHON points to a python with peerplays==0.5.3.
"""
import json
import sys
from binascii import unhexlify

from graphenebase.ecdsa import verify_message
from peerplaysbase.account import PublicKey

n = 0
for v in json.load(sys.stdin):
    msg = unhexlify(v["chain_id"]) + unhexlify(v["unsigned_hex"])
    for sig, want in zip(v["signatures"], v["pubs"]):
        got = str(PublicKey(verify_message(msg, unhexlify(sig)).hex(), prefix=v["prefix"]))
        if got != want:
            sys.exit("%s: recovered %s, expected %s" % (v["label"], got, want))
        n += 1
print("verified %d" % n)
