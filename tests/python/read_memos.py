"""Checks bos memos with python-peerplays' graphenebase.memo (the oracle of `bos transfer --memo`).

Input on stdin: a JSON list of {"from_wif", "to_wif", "nonce", "text", "message"} where
"message" is the hex bos wrote. The receiver must read "text" from it, and python must write
the same bytes for the same nonce. Prints "read N" and exits 0, or names the failure.
Run by tests/python_oracle.rs when BOS_PYTHON points to a python with peerplays==0.5.3.
"""
import json
import sys

from graphenebase.memo import decode_memo, encode_memo
from peerplaysbase.account import PrivateKey

n = 0
for v in json.load(sys.stdin):
    sender, receiver = PrivateKey(v["from_wif"]), PrivateKey(v["to_wif"])
    got = decode_memo(receiver, sender.pubkey, v["nonce"], v["message"])
    if got != v["text"]:
        sys.exit("nonce %s: read %r, expected %r" % (v["nonce"], got, v["text"]))
    again = encode_memo(sender, receiver.pubkey, v["nonce"], v["text"])
    if again != v["message"]:
        sys.exit("nonce %s: python wrote %s, bos %s" % (v["nonce"], again, v["message"]))
    n += 1
print("read %d" % n)
