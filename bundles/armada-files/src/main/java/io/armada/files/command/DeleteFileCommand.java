package io.armada.files.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.files.command.completers.Md5Completer;

/** {@code file:delete <md5>}. */
@Service
@Command(scope = "file", name = "delete", description = "Deletes a file record (and the file, when it was uploaded here)")
public class DeleteFileCommand extends FilesCommandSupport {

    @Argument(index = 0, name = "md5", required = true, description = "The file's md5")
    @Completion(Md5Completer.class)
    String md5;

    @Override
    public Object execute() {
        files.delete(md5).ifPresentOrElse(r -> print(List.of(r)), () -> System.out.println("no record of " + md5));
        return null;
    }
}
