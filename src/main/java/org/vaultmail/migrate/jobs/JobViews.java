package org.vaultmail.migrate.jobs;

import java.util.List;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobView;

/** A row as the API, pages and CLI see it: no credential, only whether it is still held. */
final class JobViews {

    private JobViews() {
    }

    static JobView of(JobRow r, List<FolderReport> folders) {
        return new JobView(r.id(), r.state(), r.ownerUserId(), r.createdBy(), r.sourceServer(), r.sourceLogin(),
                r.destinationServer(), r.destinationLogin(), OptionsJson.read(r.options()), r.progress(), folders,
                r.error(), r.createdAt(), r.startedAt(), r.finishedAt(), r.requested(), r.credentialsHeld());
    }
}
