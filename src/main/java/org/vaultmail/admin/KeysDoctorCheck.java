package org.vaultmail.admin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.KeyStatus;

/** Doctor: where the root keys come from, which keys are primary, and whether rows await rewrap. */
@Component
class KeysDoctorCheck implements DoctorCheck {

    private final KeyManagement keys;

    KeysDoctorCheck(KeyManagement keys) {
        this.keys = keys;
    }

    @Override
    public String topic() {
        return "Keys";
    }

    @Override
    public List<Finding> check() {
        KeyStatus s = keys.status();
        List<Finding> findings = new ArrayList<>();
        findings.add(switch (s.rootSource()) {
            case KMS_WRAPPED_FILE -> Finding.ok("root keys: " + s.rootDescription());
            case CLEARTEXT_FILE -> Finding.ok("root keys: " + s.rootDescription()
                    + " (cleartext: keep it 0600, outside the data directory and its backups; a KMS key is better)");
            case ENVIRONMENT -> Finding.warn("root keys come from VAULTMAIL_ENCRYPTION_KEYS: OWASP advises against keys in"
                    + " environment variables (they leak into process listings, crash dumps and child processes);"
                    + " use VAULTMAIL_KEYSET_FILE, ideally KMS-wrapped");
            case GENERATED_IN_DATA_DIR -> Finding.warn("root keys were generated beside the data (" + s.rootDescription()
                    + "): a copy of the data directory decrypts everything; set VAULTMAIL_KEYSET_FILE");
        });
        findings.add(Finding.ok("root primary key " + s.rootPrimaryKeyId() + " of " + s.rootKeyIds()
                + "; data primary key " + s.primaryDataKeyId() + " of "
                + s.dataKeys().stream().map(KeyStatus.DataKey::id).toList()));
        if (s.dataKeysetWrappedBy() != s.rootPrimaryKeyId()) {
            findings.add(Finding.warn("the data keyset is still wrapped by root key " + s.dataKeysetWrappedBy()
                    + "; run ./vaultmail keys rewrap"));
        }
        long pending = s.rowsNotOnPrimary();
        if (pending > 0) {
            findings.add(Finding.warn(pending + " sealed row(s) are not under the primary data key; run ./vaultmail keys rewrap"));
        }
        for (KeyStatus.RowCount r : s.rows()) {
            if (s.dataKeys().stream().noneMatch(k -> k.id() == r.keyId())) {
                findings.add(Finding.fail(r.rows() + " row(s) of " + r.column() + " use key " + r.keyId()
                        + ", which is not in the keyset: they cannot be decrypted"));
            }
        }
        return findings;
    }
}
