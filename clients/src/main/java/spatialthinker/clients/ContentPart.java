package spatialthinker.clients;

/** One part of a message: text or an image. */
public sealed interface ContentPart permits TextPart, ImagePart {}
