//! The python-peerplays oracle vectors (tests/data/vectors, copied from ../shared/vectors).

use bos::protocol::codec::{Json, JsonCx, Pack};
use bos::protocol::keys::{self, BrainKeyCase, PasswordScheme, PrivateKey, PublicKey, Role};
use bos::protocol::operations::Operation;
use bos::protocol::{signing, transaction, Path, Transaction};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/data/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

/// The strings of a JSON array.
fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(s).collect()
}

#[test]
fn keys_match() {
    let d = load("keys.json");
    for k in d["keys"].as_array().unwrap() {
        let secret: [u8; 32] = hex::decode(s(&k["priv_hex"])).unwrap().try_into().unwrap();
        let key = PrivateKey::from_bytes(&secret).unwrap();
        assert_eq!(key.to_wif().as_str(), s(&k["wif"]));
        assert_eq!(PrivateKey::from_wif(s(&k["wif"])).unwrap(), key);
        assert_eq!(PrivateKey::from_wif(s(&k["priv_hex"])).unwrap(), key);
        let public = key.public_key();
        assert_eq!(hex::encode(public.0), s(&k["pubkey_compressed_hex"]));
        assert_eq!(
            hex::encode(public.uncompressed()),
            s(&k["pubkey_uncompressed_hex"])
        );
        for prefix in ["PPY", "TEST", "GPH"] {
            let text = s(&k[format!("pubkey_{prefix}")]);
            assert_eq!(public.to_string_with_prefix(prefix), text);
            assert_eq!(PublicKey::parse(text).unwrap(), public);
        }
        assert_eq!(
            PublicKey::parse(s(&k["pubkey_uncompressed_hex"])).unwrap(),
            public
        );
        let addr = public.address();
        assert_eq!(hex::encode(addr.0), s(&k["graphene_address_hex"]));
        assert_eq!(
            addr.to_string_with_prefix("PPY"),
            s(&k["graphene_address_PPY"])
        );
        assert_eq!(
            addr.to_string_with_prefix("TEST"),
            s(&k["graphene_address_TEST"])
        );
    }
    for n in d["negative"].as_array().unwrap() {
        let input = s(&n["input"]);
        assert!(
            PrivateKey::from_wif(input).is_err() && PublicKey::parse(input).is_err(),
            "{input}"
        );
    }
}

#[test]
fn password_keys_match_both_schemes() {
    let d = load("password_keys.json");
    for v in d["vectors"].as_array().unwrap() {
        let role = match s(&v["role"]) {
            "owner" => Role::Owner,
            "active" => Role::Active,
            _ => Role::Memo,
        };
        for (scheme, field) in [
            (PasswordScheme::Graphene, "graphenelib_PasswordKey"),
            (
                PasswordScheme::BookiePro,
                "peerplaysjs_BookiePro_generateKeys",
            ),
        ] {
            let key =
                keys::password_key(s(&v["account"]), role, s(&v["password"]), scheme).unwrap();
            assert_eq!(
                key.to_wif().as_str(),
                s(&v[field]["wif"]),
                "{field} {}",
                v["account"]
            );
            assert_eq!(
                key.public_key().to_string_with_prefix("PPY"),
                s(&v[field]["pub_PPY"])
            );
            assert_eq!(
                key.public_key().to_string_with_prefix("TEST"),
                s(&v[field]["pub_TEST"])
            );
        }
    }
}

#[test]
fn brain_keys_match() {
    let d = load("brainkeys.json");
    for v in d["vectors"].as_array().unwrap() {
        let input = s(&v["brainkey_input"]);
        let seq = v["sequence"].as_u64().unwrap() as u32;
        assert_eq!(
            keys::normalize_brain_key(input, BrainKeyCase::Graphenelib).as_str(),
            s(&v["normalized"])
        );
        let key = keys::brain_key(input, seq, BrainKeyCase::Graphenelib);
        assert_eq!(key.to_wif().as_str(), s(&v["wif"]));
        assert_eq!(key.public_key().to_string(), s(&v["pub_PPY"]));
        assert_eq!(
            keys::brain_key_blind(input, BrainKeyCase::Graphenelib)
                .to_wif()
                .as_str(),
            s(&v["blind_private_wif"])
        );
        // Upper-case words give the same key under both normalizations.
        if input == input.to_uppercase() {
            assert_eq!(keys::brain_key(input, seq, BrainKeyCase::CliWallet), key);
        }
    }
}

#[test]
fn ref_block_params() {
    let d = load("ref_block.json");
    for (id, num, prefix) in [
        ("lib_block_id", "ref_block_num", "ref_block_prefix"),
        (
            "head_block_id",
            "head_ref_block_num",
            "head_ref_block_prefix",
        ),
    ] {
        let bid: [u8; 20] = hex::decode(s(&d[id])).unwrap().try_into().unwrap();
        let (n, p) = transaction::tapos(&bid);
        assert_eq!(n as u64, d[num].as_u64().unwrap());
        assert_eq!(p as u64, d[prefix].as_u64().unwrap());
    }
}

fn op_from(v: &Value) -> Operation {
    Operation::from_json(v, &Path::ROOT).unwrap_or_else(|e| panic!("{e}\n{v}"))
}

#[test]
fn operations_byte_identical() {
    let d = load("operations.json");
    let ops = d.as_array().unwrap();
    assert_eq!(ops.len(), 49);
    for o in ops {
        let label = format!("{}/{}", s(&o["op_name"]), s(&o["label"]));
        let op = op_from(&o["op_json"]);
        assert_eq!(op.id() as u64, o["op_id"].as_u64().unwrap(), "{label}");
        assert_eq!(hex::encode(op.to_bytes()), s(&o["op_hex"]), "{label}");
        // The kwargs given to python (extensions often absent) give the same bytes,
        // unless they rely on a python default for a required field.
        let input = Value::Array(vec![o["op_id"].clone(), o["input"].clone()]);
        match Operation::from_json(&input, &Path::ROOT) {
            Ok(from_input) => assert_eq!(from_input, op, "{label} from input"),
            Err(e) => assert!(e.to_string().contains("missing field"), "{label}: {e}"),
        }
        // binary -> op -> node JSON -> op: unchanged.
        let bytes = hex::decode(s(&o["op_hex"])).unwrap();
        let decoded = Operation::from_bytes(&bytes, "operation").unwrap();
        assert_eq!(decoded, op, "{label} decode");
        let payload = &bytes[bytes.len() - s(&o["payload_hex"]).len() / 2..];
        assert_eq!(hex::encode(payload), s(&o["payload_hex"]));
        let node_json = decoded.to_json(&JsonCx { prefix: "PPY" });
        assert_eq!(op_from(&node_json), op, "{label} json roundtrip");
    }
}

#[test]
fn node_json_form_details() {
    let d = load("operations.json");
    let find = |name: &str, label: &str| {
        d.as_array()
            .unwrap()
            .iter()
            .find(|o| o["op_name"] == name && o["label"] == label)
            .unwrap()
            .clone()
    };
    let cx = JsonCx { prefix: "PPY" };
    // Scores are strings on the chain; python's JSON shows numbers.
    let eus = op_from(&find("event_update_status", "finished_with_scores")["op_json"]).to_json(&cx);
    assert_eq!(eus[1]["scores"], serde_json::json!(["2", "1"]));
    // Authorities have no extensions and numeric weights; key_auths sorted by address.
    let ac = op_from(&find("account_create", "multi_key_votes")["op_json"]).to_json(&cx);
    assert!(ac[1]["owner"].get("extensions").is_none());
    assert_eq!(ac[1]["owner"]["key_auths"][0][1], serde_json::json!(1));
    assert_eq!(
        ac[1]["owner"]["key_auths"],
        find("account_create", "multi_key_votes")["op_json"][1]["owner"]["key_auths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| serde_json::json!([p[0], 1]))
            .collect::<Value>()
    );
    assert_eq!(ac[1]["options"]["votes"], serde_json::json!(["0:2", "1:5"]));
    // proposal_delete writes `extensions` (python misspells it).
    let pd = op_from(&find("proposal_delete", "basic")["op_json"]).to_json(&cx);
    assert!(pd[1].get("extensions").is_some() && pd[1].get("extenstions").is_none());
    // 64-bit values above 2^32-1 are strings; unset optionals are left out.
    let memo = op_from(&find("transfer", "with_memo")["op_json"]).to_json(&cx);
    assert_eq!(
        memo[1]["memo"]["nonce"],
        serde_json::json!("1234567890123456789")
    );
    let wu = op_from(&find("witness_update", "minimal")["op_json"]).to_json(&cx);
    assert!(wu[1].get("new_signing_key").is_none() && wu[1].get("extensions").is_none());
    // Relative ids stay relative.
    let pc = op_from(&find("proposal_create", "bos_chain_relative_ids_with_review")["op_json"])
        .to_json(&cx);
    assert_eq!(
        pc[1]["proposed_ops"][4]["op"][1]["event_id"],
        serde_json::json!("0.0.2")
    );
}

#[test]
fn transactions_match_and_signatures_recover() {
    let d = load("transactions.json");
    let vectors = d["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 100);
    let mut sigs = 0;
    for v in vectors {
        let label = s(&v["label"]);
        let chain_id: [u8; 32] = hex::decode(s(&v["chain_id"])).unwrap().try_into().unwrap();
        let tx = Transaction::from_json(&v["tx_json"], &Path::ROOT)
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(
            hex::encode(tx.unsigned_bytes()),
            s(&v["unsigned_tx_hex"]),
            "{label}"
        );
        assert_eq!(
            hex::encode(tx.signed_bytes()),
            s(&v["signed_tx_hex"]),
            "{label}"
        );
        let mut msg = chain_id.to_vec();
        msg.extend(tx.unsigned_bytes());
        assert_eq!(hex::encode(&msg), s(&v["sig_message_hex"]));
        assert_eq!(
            hex::encode(tx.digest(&chain_id)),
            s(&v["digest_sha256"]),
            "{label}"
        );
        assert_eq!(hex::encode(tx.id()), s(&v["txid"]), "{label}");
        // python's signatures recover to the expected keys.
        let recovered: Vec<String> = tx
            .signers(&chain_id)
            .unwrap()
            .iter()
            .map(|k| hex::encode(k.0))
            .collect();
        let expected = strings(&v["recovered_pubkeys_hex"]);
        assert_eq!(recovered, expected, "{label}");
        // binary round trip of the signed form.
        assert_eq!(Transaction::from_binary(&tx.signed_bytes()).unwrap(), tx);
        // our own signatures: canonical and recover to the signers.
        let keys: Vec<PrivateKey> = v["signer_wifs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| PrivateKey::from_wif(s(w)).unwrap())
            .collect();
        let mut ours = tx.clone();
        ours.signatures.clear();
        ours.sign(&chain_id, &keys.iter().collect::<Vec<_>>());
        let prefix = s(&v["prefix"]);
        let signers: Vec<String> = ours
            .signers(&chain_id)
            .unwrap()
            .iter()
            .map(|k| k.to_string_with_prefix(prefix))
            .collect();
        let wanted = strings(&v["signer_pubkeys"]);
        assert_eq!(signers, wanted, "{label}");
        for sig in &ours.signatures {
            assert!(signing::is_canonical(sig));
            sigs += 1;
        }
    }
    assert_eq!(sigs, 102);
}

#[test]
fn upstream_python_peerplays_cases() {
    let d = load("upstream_tx_vectors.json");
    let vectors = d["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 33);
    for v in vectors {
        let test = s(&v["test"]);
        let op = op_from(&v["op_json"]);
        assert_eq!(hex::encode(op.to_bytes()), s(&v["op_hex"]), "{test}");
        let tx = Transaction {
            ref_block_num: v["ref_block_num"].as_u64().unwrap() as u16,
            ref_block_prefix: v["ref_block_prefix"].as_u64().unwrap() as u32,
            expiration: bos::protocol::TimePointSec::parse(s(&v["expiration"])).unwrap(),
            operations: vec![op.clone()],
            ..Default::default()
        };
        assert_eq!(
            hex::encode(tx.unsigned_bytes()),
            s(&v["unsigned_tx_hex"]),
            "{test}"
        );
        // The upstream signed hex decodes to the same transaction plus one signature.
        // (Its chain id is not recorded, so the signature itself cannot be checked.)
        let signed = hex::decode(s(&v["expected_signed_tx_hex_upstream"])).unwrap();
        let decoded = Transaction::from_binary(&signed).unwrap();
        assert_eq!(decoded.operations, vec![op.clone()], "{test}");
        assert_eq!(decoded.signatures.len(), 1, "{test}");
        assert_eq!(
            hex::encode(decoded.signed_bytes()),
            s(&v["expected_signed_tx_hex_upstream"])
        );
        let back =
            Operation::from_json(&op.to_json(&JsonCx { prefix: "TEST" }), &Path::ROOT).unwrap();
        assert_eq!(back, op, "{test}");
    }
}

#[test]
fn primitives_match() {
    let d = load("primitives.json");
    let p = Path::ROOT;
    let hex_of = |b: Vec<u8>| hex::encode(b);
    for v in d["varint"].as_array().unwrap() {
        let mut out = Vec::new();
        bos::protocol::codec::write_varint(&mut out, v["value"].as_u64().unwrap());
        assert_eq!(hex_of(out), s(&v["hex"]));
    }
    // Each kind of vector: the bytes of its values read from JSON.
    fn bytes_of<T: Json + Pack>(v: &Value) -> Vec<u8> {
        T::from_json(v, &Path::ROOT).unwrap().to_bytes()
    }
    type Bytes = fn(&Value) -> Vec<u8>;
    let kinds: [(&str, Bytes); 9] = [
        ("uint16", bytes_of::<u16>),
        ("uint32", bytes_of::<u32>),
        ("uint64", bytes_of::<u64>),
        ("int64", bytes_of::<i64>),
        ("string", bytes_of::<String>),
        (
            "internationalized_string_map",
            bytes_of::<bos::protocol::types::I18n>,
        ),
        (
            "object_id_type_full_uint64",
            bytes_of::<bos::protocol::ObjectId>,
        ),
        ("asset", bytes_of::<bos::protocol::types::Asset>),
        ("public_key", bytes_of::<PublicKey>),
    ];
    for (kind, bytes) in kinds {
        for v in d[kind].as_array().unwrap() {
            assert_eq!(hex_of(bytes(&v["value"])), s(&v["hex"]), "{kind}: {v}");
        }
    }
    for v in d["string_control_char_quirk"]["vectors"]
        .as_array()
        .unwrap()
    {
        assert_eq!(
            hex_of(String::from_json(&v["value"], &p).unwrap().to_bytes()),
            s(&v["raw_utf8_hex"])
        );
    }
    for v in d["time_point_sec"].as_array().unwrap() {
        let t = bos::protocol::TimePointSec::from_json(&v["value"], &p).unwrap();
        assert_eq!(hex_of(t.to_bytes()), s(&v["hex"]));
        assert_eq!(t.to_json(&JsonCx::default()), v["value"]);
    }
    for v in d["object_id_instance_varint"].as_array().unwrap() {
        let id = bos::protocol::ObjectId::parse(s(&v["value"])).unwrap();
        let mut out = Vec::new();
        bos::protocol::codec::write_varint(&mut out, id.instance);
        assert_eq!(hex_of(out), s(&v["hex"]));
    }
    for v in d["vote_id"].as_array().unwrap() {
        let id = bos::protocol::types::VoteId::from_json(&v["value"], &p).unwrap();
        assert_eq!(hex_of(id.to_bytes()), s(&v["hex"]));
        assert_eq!(id.to_json(&JsonCx::default()), v["value"]);
    }
    let memo = bos::protocol::types::Memo::from_json(&d["memo"]["value"], &p).unwrap();
    assert_eq!(hex_of(memo.to_bytes()), s(&d["memo"]["hex"]));
    for (name, list) in d["enums_zigzag_varint"].as_object().unwrap() {
        for e in list.as_array().unwrap() {
            let n = s(&e["name"]);
            let bytes = match name.as_str() {
                "BetType" => bos::protocol::types::BetType::parse(n).map(|x| x.to_bytes()),
                "EventStatus" => bos::protocol::types::EventStatus::parse(n).map(|x| x.to_bytes()),
                "BettingMarketResolution" => {
                    bos::protocol::types::BettingMarketResolution::parse(n).map(|x| x.to_bytes())
                }
                "BettingMarketStatus" => {
                    bos::protocol::types::BettingMarketStatus::parse(n).map(|x| x.to_bytes())
                }
                "BettingMarketGroupStatus" => {
                    bos::protocol::types::BettingMarketGroupStatus::parse(n).map(|x| x.to_bytes())
                }
                other => panic!("unknown enum {other}"),
            };
            // The *_COUNT sentinels are not values of the chain enums.
            if n.ends_with("_COUNT") {
                assert!(bytes.is_none(), "{n}");
            } else {
                assert_eq!(hex_of(bytes.unwrap()), s(&e["hex"]), "{name}.{n}");
            }
        }
    }
}
