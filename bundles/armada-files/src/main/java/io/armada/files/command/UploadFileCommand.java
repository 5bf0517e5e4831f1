package io.armada.files.command;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import io.armada.files.FileRecord;
import io.armada.files.internal.FileRules;

/** {@code file:upload <path> --base-url <url>}: stores a file of the server's machine and records it. */
@Service
@Command(scope = "file", name = "upload", description = "Uploads a local file of the server's machine to the files area")
public class UploadFileCommand extends FilesCommandSupport {

    @Argument(index = 0, name = "path", required = true, description = "The file to upload")
    @org.apache.karaf.shell.api.action.Completion(FileCompleter.class)
    String path;

    @Option(name = "--base-url", description = "Base URL nodes download from (default: http://127.0.0.1:<HTTP port>)")
    String baseUrl;

    @Option(name = "--md5", description = "The md5 the file must have")
    String md5;

    @Option(name = "--desc", description = "A description")
    String desc;

    @Override
    public Object execute() throws Exception {
        Path file = Path.of(path);
        String base = baseUrl != null ? baseUrl.replaceAll("/+$", "")
                : "http://127.0.0.1:" + System.getProperty("armada.http.port", "8181");
        String ext = FileRules.extOf(file.getFileName().toString());
        FileRecord r;
        try (InputStream in = Files.newInputStream(file)) {
            r = files.upload(in, md5, ext.isEmpty() ? null : ext, desc, m -> base + "/v1.0/files/" + m + "/download");
        }
        print(List.of(r));
        return null;
    }
}
