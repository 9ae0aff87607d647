package org.yonder.objspace.marshal;

/**
 * An instance of a leaf class that is not multiplexed yet, on its way to the peer that will hold it (Tag.NEW_MULTIPLEXED):
 * its copy tag and its members' name, value pairs. The receiver makes it a multiplexed object of its own.
 */
public record NewMultiplexed(String tag, Object[] items) {
}
