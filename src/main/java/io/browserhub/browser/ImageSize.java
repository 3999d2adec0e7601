package io.browserhub.browser;

/** Width and height read from a PNG or JPEG header, without decoding the image. */
public record ImageSize(int width, int height) {

    public static ImageSize of(byte[] image) {
        if (image.length >= 24 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return new ImageSize(int32(image, 16), int32(image, 20));
        }
        if (image.length >= 4 && (image[0] & 0xff) == 0xFF && (image[1] & 0xff) == 0xD8) {
            int i = 2;
            while (i + 9 < image.length) {
                if ((image[i] & 0xff) != 0xFF) {
                    i++;
                    continue;
                }
                int marker = image[i + 1] & 0xff;
                int length = ((image[i + 2] & 0xff) << 8) | (image[i + 3] & 0xff);
                boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                if (startOfFrame) {
                    int height = ((image[i + 5] & 0xff) << 8) | (image[i + 6] & 0xff);
                    int width = ((image[i + 7] & 0xff) << 8) | (image[i + 8] & 0xff);
                    return new ImageSize(width, height);
                }
                i += 2 + length;
            }
        }
        return new ImageSize(0, 0);
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
