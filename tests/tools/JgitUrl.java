// Reads clone URLs the way Jira's Git Integration does (JGit: Debian libjgit-java 4.11,
// /usr/share/java/org.eclipse.jgit.jar): `new URIish(text)`, then the transport `Transport.open`
// would pick, the first of `Transport.getTransportProtocols()` whose `canHandle(uri, null, null)`
// is true. Nothing connects anywhere.
//
//   java -cp org.eclipse.jgit.jar:<outdir> JgitUrl < urls
//
// Input: one URL a line, as the hex of its UTF-8 bytes (so any character can be given).
// Output: one line per URL, tab-separated hex of UTF-8 fields:
//   OK  transport scheme user pass host port path      (null fields are "-", port -1 is "-")
//   ERR exception-class
// transport is the first of the protocol's schemes ("ssh", "http", "git", "file", ...), "-" for none.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

public class JgitUrl {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            String text = new String(unhex(line.trim()), StandardCharsets.UTF_8);
            try {
                URIish uri = new URIish(text);
                String transport = null;
                for (TransportProtocol p : Transport.getTransportProtocols()) {
                    boolean can;
                    try {
                        can = p.canHandle(uri, null, null);
                    } catch (RuntimeException e) {
                        can = false;
                    }
                    if (can) {
                        transport = p.getSchemes().isEmpty() ? p.getName() : p.getSchemes().iterator().next();
                        break;
                    }
                }
                out.append("OK");
                for (String f : new String[] {transport, uri.getScheme(), uri.getUser(), uri.getPass(),
                        uri.getHost(), uri.getPort() < 0 ? null : Integer.toString(uri.getPort()), uri.getPath()}) {
                    out.append('\t').append(f == null ? "-" : hex(f));
                }
            } catch (Exception e) {
                out.append("ERR\t").append(hex(e.getClass().getSimpleName()));
            }
            out.append('\n');
        }
        System.out.print(out);
    }

    static byte[] unhex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%02x", b & 0xff));
        return sb.toString();
    }
}
