using System.Text;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Midi;

/// <summary>
/// Writes a <see cref="Score"/> as a Standard MIDI File, format 1, 480 ticks per quarter: track 0 carries the song
/// name, tempo map (the starting tempo and every <see cref="Score.TempoChanges"/> step), time and key signatures (a new one where a
/// section changes key) and lyrics (FF 05); each part gets its own track with name and GM program,
/// drums on channel 10. A note that glides (<see cref="Note.GlideFrom"/>) is written as a pitch-bend ramp from the
/// pitch it slides from to its own (bend range set to ±12 semitones by RPN 0), so the note events stay the score's; a
/// note that swells (<see cref="Note.Swell"/>) as an expression (CC 11) ramp over it.
/// </summary>
public static class MidiWriter
{
    public const int TicksPerQuarter = 480;
    public const int DrumChannel = 9;

    public static byte[] Write(Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        using var stream = new MemoryStream();
        Write(score, stream);
        return stream.ToArray();
    }

    public static void Write(Score score, Stream output)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(output);
        var tracks = new List<byte[]> { ConductorTrack(score) };
        var channel = 0;
        foreach (var part in score.Parts)
        {
            int partChannel;
            if (part.Instrument == Instrument.DrumKit)
            {
                partChannel = DrumChannel;
            }
            else
            {
                partChannel = channel;
                channel = (channel + 1) % 16;
                if (channel == DrumChannel)
                {
                    channel++;
                }
            }

            tracks.Add(PartTrack(score, part, partChannel));
        }

        var header = new List<byte>();
        header.AddRange("MThd"u8.ToArray());
        AddBigEndian(header, 6, 4);
        AddBigEndian(header, 1, 2);
        AddBigEndian(header, tracks.Count, 2);
        AddBigEndian(header, TicksPerQuarter, 2);
        output.Write(header.ToArray());
        foreach (var track in tracks)
        {
            var chunk = new List<byte>();
            chunk.AddRange("MTrk"u8.ToArray());
            AddBigEndian(chunk, track.Length, 4);
            output.Write(chunk.ToArray());
            output.Write(track);
        }
    }

    /// <summary>Key signature as (sharps or negative flats, minor flag); modes use the signature of their major/minor family.</summary>
    public static (int Sharps, bool Minor) KeySignature(Key key)
    {
        int[] majorSharps = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5];
        var relativeMajor = key.IsMinor ? key.Tonic + 3 : key.Tonic;
        return (majorSharps[((relativeMajor % 12) + 12) % 12], key.IsMinor);
    }

    private static byte[] ConductorTrack(Score score)
    {
        var events = new List<(long Tick, int Order, byte[] Data)>
        {
            (0, 0, Meta(0x03, System.Text.Encoding.UTF8.GetBytes($"{GenreNames.Display(score.Genre)} in {score.Key}"))),
        };
        events.Add((0, 1, Tempo(score.Bpm)));
        foreach (var change in score.TempoChanges)
        {
            events.Add((Ticks(change.Beat), 1, Tempo(change.Bpm)));
        }

        var denominatorPower = (byte)Math.Round(Math.Log2(score.Meter.Denominator));
        events.Add((0, 2, Meta(0x58, [(byte)score.Meter.Numerator, denominatorPower, 24, 8])));
        var (sharps, minor) = KeySignature(score.Key);
        events.Add((0, 3, Meta(0x59, [(byte)(sbyte)sharps, (byte)(minor ? 1 : 0)])));
        var current = score.Key;
        foreach (var section in score.Sections)
        {
            var key = section.Key ?? score.Key;
            if (key != current)
            {
                (sharps, minor) = KeySignature(key);
                events.Add((Ticks(section.StartBeat), 3, Meta(0x59, [(byte)(sbyte)sharps, (byte)(minor ? 1 : 0)])));
                current = key;
            }
        }

        foreach (var (beat, text) in score.Lyrics)
        {
            events.Add((Ticks(beat), 4, Meta(0x05, System.Text.Encoding.UTF8.GetBytes(text))));
        }

        events.Add((Ticks(score.SecondsToBeat(score.LengthSeconds)), 9, Meta(0x2F, [])));
        return Serialise(events);
    }

    private static byte[] Tempo(double bpm)
    {
        var microseconds = (int)Math.Round(60_000_000.0 / bpm);
        return Meta(0x51, [(byte)(microseconds >> 16), (byte)(microseconds >> 8), (byte)microseconds]);
    }

    private const int BendSemitones = 12;
    private const int GlideSteps = 8;
    private const int SwellSteps = 16;

    private static byte[] PartTrack(Score score, Part part, int channel)
    {
        var events = new List<(long Tick, int Order, byte[] Data)>
        {
            (0, 0, Meta(0x03, System.Text.Encoding.UTF8.GetBytes(part.Name))),
        };
        if (channel != DrumChannel)
        {
            events.Add((0, 1, [(byte)(0xC0 | channel), (byte)InstrumentInfo.GmProgram(part.Instrument)]));
        }

        events.Add((0, 2, [(byte)(0xB0 | channel), 10, (byte)Math.Clamp((int)Math.Round(64 + (part.Pan * 63)), 0, 127)]));
        var cc = (byte)(0xB0 | channel);
        if (part.Notes.Any(n => n.GlideFrom is not null))
        {
            // RPN 0 (pitch-bend sensitivity) = 12 semitones, then the null RPN so later data entries change nothing.
            // (Each message its own event: every event in a track needs its delta time; LINQ's sort keeps their order.)
            foreach (var (controller, value) in new (byte, byte)[] { (101, 0), (100, 0), (6, BendSemitones), (38, 0), (101, 127), (100, 127) })
            {
                events.Add((0, 3, [cc, controller, value]));
            }
        }

        long last = 0;
        var swells = new HashSet<(long On, long Off)>();
        foreach (var note in part.Notes)
        {
            if (note.GlideFrom is { } from)
            {
                var startSeconds = score.BeatToSeconds(note.Start);
                var slideOn = Ticks(note.Start);
                var slideEnd = Math.Max(slideOn + GlideSteps, Ticks(score.SecondsToBeat(startSeconds + note.GlideSeconds)));
                for (var step = 0; step <= GlideSteps; step++)
                {
                    var semitones = (from - note.Pitch) * (1.0 - ((double)step / GlideSteps));
                    var bend = Math.Clamp((int)Math.Round(8192 + (semitones / BendSemitones * 8192)), 0, 16383);
                    events.Add((slideOn + ((slideEnd - slideOn) * step / GlideSteps), 4, [(byte)(0xE0 | channel), (byte)(bend & 0x7F), (byte)(bend >> 7)]));
                }
            }

            var on = Ticks(note.Start);
            var off = Math.Max(on + 1, Ticks(note.Start + note.Duration));
            if (note.Swell && swells.Add((on, off)))
            {
                // A swell is an expression (CC 11) ramp over the note, from silence up to full as the square of the time
                // (as the voice renders it), ending at full for whatever follows; once for a chord swelling together.
                for (var step = 0; step <= SwellSteps; step++)
                {
                    var x = (double)step / SwellSteps;
                    events.Add((on + ((off - on) * step / SwellSteps), 4, [cc, 11, (byte)Math.Round(127 * x * x)]));
                }
            }

            last = Math.Max(last, off);
            events.Add((on, 6, [(byte)(0x90 | channel), (byte)note.Pitch, (byte)note.Velocity]));
            events.Add((off, 5, [(byte)(0x80 | channel), (byte)note.Pitch, 0]));
        }

        events.Add((last, 9, Meta(0x2F, [])));
        return Serialise(events);
    }

    private static byte[] Serialise(List<(long Tick, int Order, byte[] Data)> events)
    {
        var bytes = new List<byte>();
        long previous = 0;
        foreach (var (tick, _, data) in events.OrderBy(e => e.Tick).ThenBy(e => e.Order))
        {
            WriteVariableLength(bytes, tick - previous);
            bytes.AddRange(data);
            previous = tick;
        }

        return [.. bytes];
    }

    private static long Ticks(double beat) => (long)Math.Round(beat * TicksPerQuarter);

    private static byte[] Meta(byte type, byte[] data)
    {
        var bytes = new List<byte> { 0xFF, type };
        WriteVariableLength(bytes, data.Length);
        bytes.AddRange(data);
        return [.. bytes];
    }

    private static void WriteVariableLength(List<byte> bytes, long value)
    {
        var buffer = new Stack<byte>();
        buffer.Push((byte)(value & 0x7F));
        value >>= 7;
        while (value > 0)
        {
            buffer.Push((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        bytes.AddRange(buffer);
    }

    private static void AddBigEndian(List<byte> bytes, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            bytes.Add((byte)(value >> (8 * i)));
        }
    }
}
