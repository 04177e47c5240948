"""python-peerplays 0.5.3 against `bos devnet`: an independent client reads the
devnet's objects and broadcasts a transfer it signs itself.

Usage: ppy_devnet.py WS_URL ALICE_WIF
Run by tests/python_peerplays.rs when BOS_PYTHON names a python with
`peerplays==0.5.3` installed; by hand against a running devnet:

    bos devnet --json --clock real --seed demo &       # prints the listing
    $BOS_PYTHON tests/python/ppy_devnet.py ws://127.0.0.1:PORT ALICE_WIF

Exits 0 and prints one JSON line on success; raises otherwise.
"""

import json
import random
import sys

from grapheneapi.websocket import Websocket
from peerplaysbase.chains import known_chains


def main():
    url, wif = sys.argv[1], sys.argv[2]
    # python-peerplays 0.5.3 refuses chain ids it does not know: register the
    # devnet's id (read with a plain RPC call) before connecting for real.
    probe = Websocket(url)
    probe.connect()
    chain_id = probe.get_chain_id()
    # The classic login flow (python-peerplays 0.5.0): login, then api ids.
    assert probe.login("", "", api_id=1) is True
    db = probe.database(api_id=1)
    assert probe.get_objects(["2.1.0"], api_id=db)[0]["id"] == "2.1.0"
    assert isinstance(probe.network_broadcast(api_id=1), int)
    probe.disconnect()
    known_chains["BOSDEVNET"] = {
        "chain_id": chain_id,
        "core_symbol": "TEST",
        "prefix": "TEST",
    }

    from peerplays import PeerPlays
    from peerplays.account import Account
    from peerplays.witness import Witness

    ppy = PeerPlays(node=url, keys=[wif], nobroadcast=False, num_retries=0)
    assert ppy.rpc.chain_params["chain_id"] == chain_id, ppy.rpc.chain_params

    alice = Account("alice", blockchain_instance=ppy)
    bob = Account("bob", blockchain_instance=ppy)
    assert alice["name"] == "alice" and alice["id"].startswith("1.2."), alice
    full = Account("alice", full=True, blockchain_instance=ppy)
    assert full["id"] == alice["id"], full
    assert ppy.rpc.get_account_by_name("alice")["id"] == alice["id"]
    witness = Witness("init0", blockchain_instance=ppy)
    assert witness["id"].startswith("1.6."), witness
    assert witness["signing_key"].startswith("TEST"), witness
    dgp = ppy.rpc.get_dynamic_global_properties()
    assert dgp["head_block_number"] >= 1, dgp
    # python's keepalive call.
    ppy.rpc.get_objects(["2.8.0"])

    before_alice = alice.balance("TEST").amount
    before_bob = bob.balance("TEST").amount
    # A fresh amount each run, so a rerun within the same second is not the
    # same transaction (the node would refuse it as a duplicate).
    satoshis = random.randint(100_000, 199_999)
    amount = satoshis / 10 ** 5
    tx = ppy.transfer("bob", amount, "TEST", account="alice")
    assert tx["signatures"], tx
    alice.refresh()
    bob.refresh()
    after_alice = alice.balance("TEST").amount
    after_bob = bob.balance("TEST").amount
    fee = tx["operations"][0][1]["fee"]["amount"] / 10 ** 5
    assert round(after_bob - before_bob, 5) == amount, (before_bob, after_bob)
    assert round(before_alice - after_alice, 5) == round(amount + fee, 5), (
        before_alice,
        after_alice,
        fee,
    )
    print(
        json.dumps(
            {
                "chain_id": chain_id,
                "alice": alice["id"],
                "witness": witness["id"],
                "head_block_number": dgp["head_block_number"],
                "transferred_satoshis": satoshis,
                "fee": fee,
                "bob_balance": after_bob,
            }
        )
    )


if __name__ == "__main__":
    main()
