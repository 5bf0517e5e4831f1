package io.armada.files.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.core.ApiException;
import io.armada.files.command.completers.Md5Completer;

/** {@code file:show <md5>}. */
@Service
@Command(scope = "file", name = "show", description = "Shows one file record")
public class ShowFileCommand extends FilesCommandSupport {

    @Argument(index = 0, name = "md5", required = true, description = "The file's md5")
    @Completion(Md5Completer.class)
    String md5;

    @Override
    public Object execute() {
        print(List.of(files.file(md5).orElseThrow(() -> ApiException.notFound("no record of " + md5))));
        return null;
    }
}
