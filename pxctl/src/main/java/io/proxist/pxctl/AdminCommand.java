package io.proxist.pxctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A pxctl command that talks to the admin API: its client, its output, and {@code --json}. */
abstract class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the admin API's JSON answer as it is.")
    boolean json;

    AdminClient client() {
        return ((Pxctl) spec.root().userObject()).client();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the answer's body when {@code --json}; returns whether it did. */
    boolean printedJson(AdminClient.Answer a) {
        if (!json) return false;
        out().print(a.body());
        out().flush();
        return true;
    }
}
