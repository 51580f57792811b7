using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Tests.Persistence;
using NodaTime.Testing;

namespace CoProduction.Tests.BadInput;

/// <summary>
/// Fixed-seed mutation fuzzing of <see cref="EventSerializer"/> (real payloads of every aggregate) and <see cref="EventArchive"/>
/// import (real exported archives): bit flips, byte inserts and deletes, truncations, splices of two inputs, duplicated lines and
/// JSON values replaced by awkward ones, with the archive's checksum recomputed for half of them so the checks behind it are reached.
/// Every outcome is a success or the documented typed error, and a refused import leaves its target (in memory, or every 25th a
/// real SQLite file) unchanged. Rerun with another seed: <c>COPRODUCTION_FUZZ_SEED=7 COPRODUCTION_FUZZ_INPUTS=50000</c>.
/// </summary>
public sealed class BadInputFuzz(ITestOutputHelper output)
{
    private static readonly int Seed = Setting("COPRODUCTION_FUZZ_SEED", 20261203);
    private static readonly int Inputs = Setting("COPRODUCTION_FUZZ_INPUTS", 20_000);
    private static readonly EventArchive Archive = new(new FakeClock(BadInputWorld.Later));

    private static readonly byte[][] Interesting =
    [
        "null"u8.ToArray(), "\"\""u8.ToArray(), "-1"u8.ToArray(), "0"u8.ToArray(), "1e999"u8.ToArray(), "9223372036854775808"u8.ToArray(),
        "\"\\u0000\""u8.ToArray(), "\"\\uD800\""u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "\"9999-12-31\""u8.ToArray(),
        "\"-9998-01-01T00:00:00Z\""u8.ToArray(), "true"u8.ToArray(), "\"Mars/Olympus_Mons\""u8.ToArray(), "42"u8.ToArray(), "\"\u202E\""u8.ToArray(),
    ];

    private static readonly byte[] Bytes = [(byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\n', (byte)'\\', (byte)'0', 0x00, 0xFF, 0xC3, 0xE2, 0x80];

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public async Task Mutated_payloads_and_archives_give_a_result_or_a_typed_error_and_a_refused_import_changes_nothing()
    {
        var (payloads, archives) = await CorpusAsync();
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var payloadInputs = Inputs * 3 / 4;

        for (var i = 0; i < payloadInputs && failures.Count < 5; i++)
        {
            var random = new Random(unchecked((Seed * 1_000_003) + i));
            var source = payloads[random.Next(payloads.Count)];
            var (mutated, how) = Mutate(random, source.Payload.ToArray(), () => payloads[random.Next(payloads.Count)].Payload.ToArray(), lines: false);
            var name = random.Next(20) == 0 ? Flip(random, source.EventName) : source.EventName;
            var stored = source with { Payload = mutated, EventName = name };
            try
            {
                EventSerializer.Default.Deserialize(stored);
                Count(outcomes, "payload read");
            }
            catch (UnreadableEventException ex)
            {
                Count(outcomes, "payload " + ex.GetType().Name);
            }
            catch (Exception ex)
            {
                failures.Add(Failure("payload", i, how + (name == source.EventName ? "" : $", name '{name}'"), mutated, ex));
            }
        }

        var memory = await ImportTarget.CreateAsync("memory");
        try
        {
            var memoryBefore = await memory.SnapshotAsync();
            for (var i = payloadInputs; i < Inputs && failures.Count < 5; i++)
            {
                var random = new Random(unchecked((Seed * 1_000_003) + i));
                var (mutated, how) = Mutate(random, archives[random.Next(archives.Count)], () => archives[random.Next(archives.Count)], lines: true);
                if (random.Next(2) == 0 && Resealable(mutated) is { } body)
                {
                    (mutated, how) = (ArchiveTesting.Reseal(body), how + ", checksum recomputed");
                }

                var onSqlite = i % 25 == 0;
                using var sqlite = onSqlite ? await ImportTarget.CreateAsync("sqlite") : null;
                var target = sqlite ?? memory;
                var before = onSqlite ? await target.SnapshotAsync() : memoryBefore;
                try
                {
                    await Archive.ImportAsync(target.Store, new MemoryStream(mutated));
                    Count(outcomes, "archive imported");
                    if (!onSqlite)
                    {
                        memory.Dispose();
                        memory = await ImportTarget.CreateAsync("memory");
                    }
                }
                catch (Exception ex) when (ex is CorruptArchiveException or ArchiveImportConflictException)
                {
                    Count(outcomes, "archive " + (ex is CorruptArchiveException c ? c.Reason.ToString() : ex.GetType().Name));
                    if (await target.SnapshotAsync() != before)
                    {
                        failures.Add(Failure($"archive ({target.Kind})", i, how, mutated, new InvalidOperationException("refused, yet the target changed", ex)));
                    }
                }
                catch (Exception ex)
                {
                    failures.Add(Failure($"archive ({target.Kind})", i, how, mutated, ex));
                }
            }
        }
        finally
        {
            memory.Dispose();
        }

        output.WriteLine($"seed {Seed}: {Inputs:N0} inputs ({payloadInputs:N0} payloads, {Inputs - payloadInputs:N0} archives) in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {outcome}: {count:N0}");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("archive ", StringComparison.Ordinal)) > 5, "the archive mutations reached too few distinct outcomes");
        Assert.True(outcomes.GetValueOrDefault("payload read") > 0 && outcomes.GetValueOrDefault("payload CorruptEventPayloadException") > 0, "the payload mutations reached too few outcomes");
    }

    /// <summary>Every event of the seeded world (each aggregate, each kind of event) and three real archives: the whole world, the RESYST programme, and one stream.</summary>
    private static async Task<(List<StoredEvent> Payloads, List<byte[]> Archives)> CorpusAsync()
    {
        using var seeded = await ImportTarget.CreateAsync("memory");
        await BadInputWorld.SeedAsync(seeded);
        var events = (await seeded.Store.ReadAllAsync(0, int.MaxValue)).Where(e => EventSerializer.Default.Types.Any(t => t.Name == e.EventName)).ToList();
        var worldStreams = events.Select(e => e.Stream).Where(s => !s.Value.StartsWith("site-", StringComparison.Ordinal)).Distinct().ToList();
        List<byte[]> archives =
        [
            await ArchiveTesting.ExportAsync(Archive, seeded.Store, worldStreams),
            await ArchiveTesting.ExportAsync(Archive, await ArchiveTesting.ProgrammeStoreAsync()),
            await ArchiveTesting.ExportAsync(Archive, seeded.Store, [BadInputWorld.Stream<CoProduction.Cycles.Cycle, CycleId>(new("kilifi-2014"))]),
        ];
        return (events, archives);
    }

    private static (byte[] Input, string How) Mutate(Random random, byte[] input, Func<byte[]> other, bool lines)
    {
        var steps = 1 + random.Next(3);
        var how = new List<string>();
        for (var s = 0; s < steps; s++)
        {
            var at = input.Length == 0 ? 0 : random.Next(input.Length);
            switch (random.Next(lines ? 8 : 7))
            {
                case 0 when input.Length > 0:
                    var bit = random.Next(8);
                    input = [.. input];
                    input[at] ^= (byte)(1 << bit);
                    how.Add($"flip bit {bit} at {at}");
                    break;
                case 1:
                    var b = random.Next(3) == 0 ? (byte)random.Next(256) : Bytes[random.Next(Bytes.Length)];
                    input = [.. input[..at], b, .. input[at..]];
                    how.Add($"insert 0x{b:X2} at {at}");
                    break;
                case 2 when input.Length > 0:
                    var length = Math.Min(input.Length - at, 1 + random.Next(8));
                    input = [.. input[..at], .. input[(at + length)..]];
                    how.Add($"delete {length} at {at}");
                    break;
                case 3:
                    input = input[..at];
                    how.Add($"truncate to {at}");
                    break;
                case 4:
                    var donor = other();
                    var from = donor.Length == 0 ? 0 : random.Next(donor.Length);
                    input = [.. input[..at], .. donor[from..]];
                    how.Add($"splice at {at} another input from {from}");
                    break;
                case 5 or 6:
                    (input, var replaced) = ReplaceValue(random, input);
                    how.Add(replaced);
                    break;
                case 7:
                    (input, var duplicated) = DuplicateLine(random, input);
                    how.Add(duplicated);
                    break;
                default:
                    how.Add("none");
                    break;
            }
        }

        return (input, string.Join(", ", how));
    }

    /// <summary>Replaces the JSON value after a random <c>":</c> with an awkward one (null, a huge number, a lone surrogate, a far date, …).</summary>
    private static (byte[], string) ReplaceValue(Random random, byte[] input)
    {
        var colons = Enumerable.Range(1, Math.Max(0, input.Length - 1)).Where(i => input[i] == ':' && input[i - 1] == '"').ToList();
        if (colons.Count == 0)
        {
            return (input, "no value to replace");
        }

        var start = colons[random.Next(colons.Count)] + 1;
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < input.Length; end++)
        {
            var c = input[end];
            if (inString)
            {
                if (c == '\\')
                {
                    end++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (c is (byte)'}' or (byte)']' or (byte)',' or (byte)'\n')
            {
                if (depth == 0)
                {
                    break;
                }

                if (c is (byte)'}' or (byte)']')
                {
                    depth--;
                }
            }
        }

        end = Math.Min(end, input.Length);
        var value = Interesting[random.Next(Interesting.Length)];
        return ([.. input[..start], .. value, .. input[end..]], $"value at {start} replaced by {Encoding.UTF8.GetString(value)}");
    }

    private static (byte[], string) DuplicateLine(Random random, byte[] input)
    {
        var starts = new List<int> { 0 };
        starts.AddRange(Enumerable.Range(0, input.Length).Where(i => input[i] == '\n' && i + 1 < input.Length).Select(i => i + 1));
        var line = random.Next(starts.Count);
        var start = starts[line];
        var end = line + 1 < starts.Count ? starts[line + 1] : input.Length;
        var to = starts[random.Next(starts.Count)];
        return ([.. input[..to], .. input[start..end], .. input[to..]], $"line {line + 1} copied before byte {to}");
    }

    /// <summary>The body of a mutated archive whose last line still looks like a checksum line, so that it can be resealed.</summary>
    private static byte[]? Resealable(byte[] archive)
    {
        var at = archive.AsSpan().LastIndexOf("{\"sha256\""u8);
        return at > 0 && archive[at - 1] == '\n' ? archive[..at] : null;
    }

    private static string Flip(Random random, string name)
    {
        var chars = name.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = (char)(chars[at] ^ (1 << random.Next(7)));
        return new string(chars);
    }

    private static void Count(Dictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    private static string Failure(string what, int index, string how, byte[] input, Exception ex)
        => $"{what} input {index} (COPRODUCTION_FUZZ_SEED={Seed}; replay: new Random(unchecked(({Seed} * 1_000_003) + {index})) then Mutate): {how}\n" +
           $"input sha256 {Convert.ToHexStringLower(SHA256.HashData(input))}, {input.Length} bytes, base64 {(input.Length > 512 ? Convert.ToBase64String(input[..512]) + "… (regenerate the rest from the seed)" : Convert.ToBase64String(input))}\n{ex}";
}
