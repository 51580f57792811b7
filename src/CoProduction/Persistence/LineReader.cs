using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Persistence;

/// <summary>Reads a stream one <c>\n</c>-terminated line at a time, holding one line (and one read-ahead block) in memory.</summary>
internal sealed class LineReader(Stream source)
{
    private const int BlockSize = 64 * 1024;
    private byte[] buffer = new byte[BlockSize];
    private int start;
    private int end;
    private int scanned;
    private bool ended;

    /// <summary>Gets whether the last line read ended with <c>\n</c> (the file's last line is not when it was cut short).</summary>
    public bool Terminated { get; private set; }

    /// <summary>Reads the next line, without its <c>\n</c>; valid until the next call.</summary>
    /// <returns>The line, or <see langword="null"/> at the end of the stream.</returns>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var line = buffer.AsMemory(start, scanned + found - start);
                start = scanned = scanned + found + 1;
                Terminated = true;
                return line;
            }

            scanned = end;
            if (ended)
            {
                if (start == end)
                {
                    return null;
                }

                var tail = buffer.AsMemory(start, end - start);
                start = scanned = end;
                Terminated = false;
                return tail;
            }

            if (start > 0)
            {
                // Keep the partial line at the front, so the buffer grows only for a line longer than it.
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                scanned -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await source.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                ended = true;
            }

            end += read;
        }
    }
}
