// Loads a private key file with classic JSch (0.1.54, /usr/share/java/jsch.jar) the way
// Jira-side Java SSH clients do, and reports whether JSch can use it.
//
//   java -cp jsch.jar:<outdir> JschCheck <keyfile> [passphrase]
//
// Prints one line, "OK <type> <bits>" (exit 0) or "FAIL <reason>" (exit 1).
// The key file is read as bytes and handed to KeyPair.load(jsch, bytes, null) so that a
// sibling "<keyfile>.pub" (which KeyPair.load(jsch, path) also reads) cannot influence the result.
// Besides load/decrypt it signs a test message: JSch returns a null signature for keys it
// parsed only partially (e.g. a public key), which is what would fail at authentication time.
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;

public class JschCheck {
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.out.println("FAIL usage: JschCheck <keyfile> [passphrase]");
            System.exit(2);
        }
        try {
            byte[] data = Files.readAllBytes(Paths.get(args[0]));
            KeyPair kp = KeyPair.load(new JSch(), data, null);
            if (kp.isEncrypted()) {
                if (args.length < 2) fail("encrypted, no passphrase given");
                if (!kp.decrypt(args[1])) fail("decrypt returned false");
            }
            String type;
            switch (kp.getKeyType()) {
                case KeyPair.RSA: type = "rsa"; break;
                case KeyPair.DSA: type = "dsa"; break;
                case KeyPair.ECDSA: type = "ecdsa"; break;
                default: fail("unknown key type " + kp.getKeyType()); return;
            }
            byte[] sig = kp.getSignature("keyfit".getBytes("UTF-8"));
            if (sig == null) fail("cannot sign with key");
            System.out.println("OK " + type + " " + keySize(kp));
            System.exit(0);
        } catch (Throwable t) {
            // JSch puts the byte[]'s identity ("[B@1b2c3d") into some messages: drop it for stable output
            String msg = String.valueOf(t.getMessage()).replace('\n', ' ').replaceAll("\\[B@[0-9a-f]+", "<bytes>");
            fail(t.getClass().getSimpleName() + ": " + msg);
        }
    }

    // KeyPair.getKeySize() is package-private in 0.1.54; read it reflectively, "?" if impossible.
    static String keySize(KeyPair kp) {
        try {
            for (Class<?> c = kp.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    Method m = c.getDeclaredMethod("getKeySize");
                    m.setAccessible(true);
                    return String.valueOf(m.invoke(kp));
                } catch (NoSuchMethodException e) { /* try superclass */ }
            }
        } catch (Throwable t) { /* fall through */ }
        return "?";
    }

    static void fail(String why) {
        System.out.println("FAIL " + why);
        System.exit(1);
    }
}
