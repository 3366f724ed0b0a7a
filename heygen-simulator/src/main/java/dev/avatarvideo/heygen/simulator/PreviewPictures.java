package dev.avatarvideo.heygen.simulator;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The poster ({@code thumbnail_url}, a JPEG) and the animated preview ({@code gif_url}, a looping GIF) of a simulated
 * render, drawn with the JDK alone. Each shows the render's own title, avatar names and length, and says SIMULATED. They
 * are a few kilobytes and drawn on request from the render's plan, so nothing is kept for them.
 */
final class PreviewPictures {

    static final int POSTER_LONG_EDGE = 640;
    static final int PREVIEW_LONG_EDGE = 320;
    static final int PREVIEW_FRAMES = 8;
    /** GIF delays count hundredths of a second. */
    static final int PREVIEW_FRAME_DELAY = 25;
    private static final Color DEFAULT_BACKGROUND = new Color(0x1f2a44);

    private PreviewPictures() {
    }

    static byte[] jpegPoster(String title, RenderPlan plan) {
        BufferedImage poster = picture(plan.frame().fittedInto(POSTER_LONG_EDGE), title, plan, 0, 0.3);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(poster, "jpg", jpeg)) {
                throw new IllegalStateException("this JDK has no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jpeg.toByteArray();
    }

    /** {@link #PREVIEW_FRAMES} frames that walk through the scenes with the avatar's mouth moving, looping for ever. */
    static byte[] animatedGif(String title, RenderPlan plan) {
        FrameSize size = plan.frame().fittedInto(PREVIEW_LONG_EDGE);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(gif)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < PREVIEW_FRAMES; i++) {
                int scene = i * plan.scenes().size() / PREVIEW_FRAMES;
                BufferedImage frame = picture(size, title, plan, scene, i % 2 == 0 ? 0.15 : 0.6);
                writer.writeToSequence(new IIOImage(frame, null, gifFrameMetadata(writer, i == 0)), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return gif.toByteArray();
    }

    /** A frame shown {@link #PREVIEW_FRAME_DELAY}; the first also carries the NETSCAPE2.0 block that makes browsers loop. */
    private static IIOMetadata gifFrameMetadata(ImageWriter writer, boolean first) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB), param);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(PREVIEW_FRAME_DELAY));
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0});
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            extensions.appendChild(loop);
            root.appendChild(extensions);
        }
        metadata.setFromTree(format, root);
        return metadata;
    }

    private static BufferedImage picture(FrameSize size, String title, RenderPlan plan, int sceneIndex, double mouthOpen) {
        int w = size.width();
        int h = size.height();
        int unit = Math.min(w, h);
        RenderPlan.Scene scene = plan.scenes().get(sceneIndex);
        Color background = background(scene);
        Color ink = luminance(background) > 0.55 ? new Color(0x111827) : Color.WHITE;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(background);
            g.fillRect(0, 0, w, h);
            drawAvatar(g, w, h, unit, mouthOpen);
            g.setColor(ink);
            centred(g, "SIMULATED HeyGen", new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, unit / 18)), w, unit / 12);
            centred(g, title == null || title.isBlank() ? "(untitled)" : title, new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, unit / 13)),
                    w, unit / 12 + unit / 8);
            String footer = scene.avatarName() + "  ·  scene " + (sceneIndex + 1) + "/" + plan.scenes().size() + "  ·  " + clock(plan.duration());
            g.setColor(new Color(0, 0, 0, 160));
            g.fillRect(0, h - unit / 8, w, unit / 8);
            g.setColor(Color.WHITE);
            centred(g, footer, new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, unit / 20)), w, h - unit / 8 + unit / 12);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawAvatar(Graphics2D g, int w, int h, int unit, double mouthOpen) {
        double head = unit * 0.22;
        double headTop = h * 0.36;
        g.setColor(new Color(0x3a4a6b));
        g.fill(new RoundRectangle2D.Double(w / 2.0 - head, headTop + head * 1.05, head * 2, h, head / 2, head / 2));
        g.setColor(new Color(0x8c9bbf));
        g.fill(new Ellipse2D.Double(w / 2.0 - head / 2, headTop, head, head));
        g.setColor(new Color(0x1f2a44));
        double mouthWidth = head * 0.4;
        double mouthHeight = Math.max(1, head * 0.25 * mouthOpen);
        g.fill(new Ellipse2D.Double(w / 2.0 - mouthWidth / 2, headTop + head * 0.68 - mouthHeight / 2, mouthWidth, mouthHeight));
    }

    /** Draws one line centred at baseline {@code y}, cut with an ellipsis where it would not fit the width. */
    private static void centred(Graphics2D g, String text, Font font, int width, int y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        String line = text;
        int room = width * 92 / 100;
        if (metrics.stringWidth(line) > room) {
            while (line.length() > 1 && metrics.stringWidth(line + "…") > room) {
                line = line.substring(0, line.length() - 1);
            }
            line = line + "…";
        }
        g.drawString(line, (width - metrics.stringWidth(line)) / 2, y);
    }

    private static Color background(RenderPlan.Scene scene) {
        return scene.backgroundColor() == null ? DEFAULT_BACKGROUND : new Color(Integer.parseInt(scene.backgroundColor().substring(1), 16));
    }

    private static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }

    private static String clock(Duration duration) {
        return String.format(Locale.ROOT, "%d:%02d", duration.toMinutes(), duration.toSecondsPart());
    }
}
