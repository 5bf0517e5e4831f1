package io.armada.files.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.files.FileRecord;
import io.armada.files.FileService;

/** Completes the md5 of the file records (the first page: 200). */
@Service
public class Md5Completer implements Completer {

    @Reference
    FileService files;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        for (FileRecord r : files.page(0).rows()) {
            strings.getStrings().add(r.md5());
        }
        return strings.complete(session, commandLine, candidates);
    }
}
