#!/usr/bin/env python3
"""Join PNG frames into an animated GIF with the Python standard library only (no ImageMagick, no Pillow).

Usage: framesToGif.py OUT.gif DELAY_CS FRAME.png... (the first and the last frame stay up 3x longer).
Each PNG is read as 8-bit RGB (or RGBA on white); colours go to a fixed 6x7x6 palette (enough for the app's flat chart
colours); frames are LZW-compressed as GIF89a with a looping extension.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', f'{path}: not a PNG'
    pos, idat, width = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            width, height, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, f'{path}: only 8-bit RGB/RGBA, not interlaced'
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    pixels = bytearray()
    for line in rows:
        for x in range(width):
            px = line[x * bpp:x * bpp + bpp]
            if bpp == 4:
                al = px[3] / 255
                px = [round(v * al + 255 * (1 - al)) for v in px[:3]]
            pixels += bytes(px[:3])
    return width, height, pixels


LEVELS = (6, 7, 6)


def palette():
    out = bytearray()
    for r in range(6):
        for g in range(7):
            for b in range(6):
                out += bytes((round(r * 255 / 5), round(g * 255 / 6), round(b * 255 / 5)))
    return out + bytes(3 * (256 - 252))


def indices(pixels):
    out = bytearray(len(pixels) // 3)
    for i in range(len(out)):
        r, g, b = pixels[3 * i:3 * i + 3]
        out[i] = (round(r * 5 / 255) * 7 + round(g * 6 / 255)) * 6 + round(b * 5 / 255)
    return out


def lzw(data, min_size=8):
    clear, end = 1 << min_size, (1 << min_size) + 1
    table = {bytes([i]): i for i in range(clear)}
    size, nxt, out, acc, nbits = min_size + 1, end + 1, bytearray(), 0, 0

    def emit(code):
        nonlocal acc, nbits
        acc |= code << nbits
        nbits += size
        while nbits >= 8:
            out.append(acc & 255)
            acc >>= 8
            nbits -= 8

    emit(clear)
    w = b''
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        emit(table[w])
        if nxt < 4096:
            table[wc] = nxt
            nxt += 1
            if nxt > (1 << size) and size < 12:
                size += 1
        else:
            emit(clear)
            table = {bytes([i]): i for i in range(clear)}
            size, nxt = min_size + 1, end + 1
        w = bytes([byte])
    if w:
        emit(table[w])
    emit(end)
    if nbits:
        out.append(acc & 255)
    return bytes(out)


def main():
    out, delay, frames = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    decoded = [read_png(f) for f in frames]
    w, h = decoded[0][0], decoded[0][1]
    gif = bytearray(b'GIF89a' + struct.pack('<HHBBB', w, h, 0xF7, 0, 0) + palette())
    gif += b'\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00'
    for k, (fw, fh, px) in enumerate(decoded):
        assert (fw, fh) == (w, h), f'{frames[k]}: {fw}x{fh}, not {w}x{h}'
        d = delay * 3 if k in (0, len(decoded) - 1) else delay
        gif += b'\x21\xf9\x04\x04' + struct.pack('<H', d) + b'\x00\x00'
        gif += b'\x2c' + struct.pack('<HHHHB', 0, 0, w, h, 0) + b'\x08'
        body = lzw(indices(px))
        for i in range(0, len(body), 255):
            chunk = body[i:i + 255]
            gif += bytes([len(chunk)]) + chunk
        gif += b'\x00'
    gif += b'\x3b'
    open(out, 'wb').write(gif)
    print(f'{out}: {len(decoded)} frames, {w}x{h}, {len(gif)} bytes')


if __name__ == '__main__':
    main()
