package org.vaultmail.demo;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Small, real files made in code for demo attachments: PNG images, PDFs and CSV tables. */
final class Attachments {

    private Attachments() {
    }

    /** A {@code width}×{@code height} RGB PNG: a diagonal gradient in the given hue. */
    static byte[] png(int width, int height, int red, int green, int blue) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0); // filter type: none
            for (int x = 0; x < width; x++) {
                int shade = 255 * (x + y) / Math.max(1, width + height - 2);
                raw.write((red * shade) / 255);
                raw.write((green * shade) / 255);
                raw.write((blue * shade) / 255);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(png)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    /**
     * A one-page PDF showing {@code title}; with {@code padding > 0} it also carries that many bytes
     * of (seeded random) binary data, the way a scanned document does.
     */
    static byte[] pdf(String title, int padding, Random random) {
        String text = title.replaceAll("[^\\x20-\\x7e]", "?").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        String content = "BT /F1 20 Tf 72 720 Td (" + text + ") Tj ET";
        List<byte[]> objects = new ArrayList<>();
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"));
        objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>"));
        objects.add(ascii("<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream"));
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
        if (padding > 0) {
            byte[] noise = new byte[padding];
            random.nextBytes(noise);
            ByteArrayOutputStream blob = new ByteArrayOutputStream(padding + 64);
            blob.writeBytes(ascii("<< /Length " + padding + " >>\nstream\n"));
            blob.writeBytes(noise);
            blob.writeBytes(ascii("\nendstream"));
            objects.add(blob.toByteArray());
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(padding + 2048);
        pdf.writeBytes(ascii("%PDF-1.4\n"));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.size());
            pdf.writeBytes(ascii((i + 1) + " 0 obj\n"));
            pdf.writeBytes(objects.get(i));
            pdf.writeBytes(ascii("\nendobj\n"));
        }
        int xref = pdf.size();
        StringBuilder tail = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(o -> tail.append(String.format("%010d 00000 n \n", o)));
        tail.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        pdf.writeBytes(ascii(tail.toString()));
        return pdf.toByteArray();
    }

    /** A CSV table (UTF-8, CRLF line ends as RFC 4180 asks) of {@code rows} invoice lines. */
    static byte[] csv(int rows, Random random) {
        String[] items = {"Kaffeebohnen 1 kg", "Crème brûlée (6x)", "USB-C cable", "抹茶 200 g", "Office chair", "Paper A4, 500 sheets"};
        StringBuilder csv = new StringBuilder("date,item,quantity,unit_price_eur\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "2025-%02d-%02d,\"%s\",%d,%.2f\r\n",
                    1 + random.nextInt(12), 1 + random.nextInt(28), items[random.nextInt(items.length)],
                    1 + random.nextInt(9), 2 + random.nextInt(20000) / 100.0));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
