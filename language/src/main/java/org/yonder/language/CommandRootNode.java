package org.yonder.language;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;

/** Runs one parsed yonder source. */
final class CommandRootNode extends RootNode {
    private final Command command;

    CommandRootNode(YonderLanguage language, Command command) {
        super(language);
        this.command = command;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return run();
    }

    @TruffleBoundary
    private Object run() {
        return command.run(YonderLanguage.context(this), this);
    }

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return "yonder:" + command.text();
    }
}
