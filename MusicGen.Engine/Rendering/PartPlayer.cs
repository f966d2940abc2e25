using MusicGen.Engine.Effects;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Plays one part block by block: starts voices at their exact frame, releases them at note-off,
/// runs the part's inserts (the genre's tone movement, low cut, drive, chorus), then pans it onto its stem bus and sends.
/// </summary>
internal sealed class PartPlayer
{
    private const int MaxVoices = 32;

    // Blocks the tone filter keeps running after the last voice ends: its lowest cutoff rings out within a few
    // milliseconds, so after these (about 47 ms) it adds nothing audible and silent blocks can be skipped again.
    private const int FilterTailBlocks = 8;

    // Time constant of the tone filter's glide, so that a cutoff that steps at a section boundary moves smoothly.
    private const float CutoffGlideSeconds = 0.15f;

    private readonly Part part;
    private readonly VoiceFactory factory;
    private readonly NoteTakes takes;
    private readonly float sampleRate;

    /// <summary>The rate the part's voices play at: the song's over <see cref="VoiceRates.Divisor(Part, Genre, float)"/>.</summary>
    private readonly float voiceRate;
    private readonly int divisor;

    /// <summary>Bring a part's left and right (after its inserts) from the voices' rate to the song's; null at the full rate.</summary>
    private readonly PartUpsampler? upsampler, upsamplerRight;
    private readonly float[] low = [], lowRight = [];
    private long lowCursor;

    /// <summary>Note starts and ends are in frames at <see cref="voiceRate"/>.</summary>
    private readonly (long Start, long End, NoteContext Note, NoteTakes.TakeKey Take, float Gain)[] events;
    private readonly List<(Voice Voice, long StartFrame, long OffFrame)> active = [];
    private readonly float[] mono;
    private readonly float[] right;
    private readonly Chorus? chorus;
    private readonly Drive? drive;
    private readonly SidechainDucker? ducker;
    private readonly Score score;
    private readonly PartTone? tone;
    private readonly TapeWobble? wobble;
    private BlockSvf toneFilter;
    private float cutoffOctaves = float.NaN, appliedOctaves = float.NaN;
    private int silentBlocks = FilterTailBlocks + 1;

    // The delay send's throw factor as it glides (ThrowGlideSeconds) towards the tone's, so a throw swells rather than steps.
    private float throwLevel = 1f;
    private const float ThrowGlideSeconds = 0.08f;

    // The chorus's sweep as set, and the width factor as it glides (ChorusGlideSeconds) towards the tone's.
    private readonly float chorusRate, chorusDepthMs, chorusMix;
    private float chorusWidth = 1f;
    private const float ChorusGlideSeconds = 1f;

    // The gate's level as it follows its target.
    private readonly GateFollower gate;

    // Frames of zeros fed to the chorus since the last sound (counted until they fill its line).
    private int quietFrames;
    private readonly float panLeft, panRight, level;
    private readonly bool lowCut;
    private readonly uint seed;
    private BlockSvf lowCutFilter;
    private int nextEvent;

    /// <param name="ducker">The song's kick ducker, shared by its sidechained parts (null when the song has no kick).</param>
    /// <param name="takes">The song's rendered notes, shared by its parts (drums and risers have their own one-shots).</param>
    public PartPlayer(Part part, int partIndex, Score score, float sampleRate, int blockFrames, SidechainDucker? ducker, VoiceFactory factory, NoteTakes takes)
    {
        this.part = part;
        this.score = score;
        this.sampleRate = sampleRate;
        this.factory = factory;
        this.takes = takes;
        divisor = VoiceRates.Divisor(part, score.Genre, sampleRate);
        voiceRate = sampleRate / divisor;
        if (divisor > 1)
        {
            var octaves = divisor == 4 ? 2 : 1;
            upsampler = new PartUpsampler(octaves, blockFrames);
            low = new float[(blockFrames / divisor) + 1 + upsampler.Lead];
            if (HasChorus(part.Instrument))
            {
                upsamplerRight = new PartUpsampler(octaves, blockFrames);
                lowRight = new float[low.Length];
            }
        }

        seed = (uint)(score.Seed * 0x9E3779B97F4A7C15UL >> 32) ^ (uint)(partIndex * 0x85EBCA6B);
        mono = new float[blockFrames];
        right = new float[blockFrames];
        (panLeft, panRight) = Pan(part.Pan);
        level = (float)Math.Clamp(part.Gain, 0, 4) * BaseLevel(part.Instrument);
        lowCut = part.Stem is StemGroup.Harmony or StemGroup.Melody;
        lowCutFilter.SetHighPass(part.Instrument is Instrument.Piano ? 60f : 110f, 0.7f, voiceRate);
        (chorusRate, chorusDepthMs, chorusMix) = (part.Instrument == Instrument.ElectricPiano ? 0.9f : 0.5f, 3f, 0.5f);
        chorus = HasChorus(part.Instrument) ? new Chorus(voiceRate, chorusRate, chorusDepthMs, chorusMix) : null;
        drive = part.Instrument == Instrument.DistortedGuitar ? new Drive(sampleRate, 9f) : null;
        this.ducker = part.Sidechain ? ducker : null;
        tone = PartTone.For(score, part);
        gate = new GateFollower(sampleRate);

        // One seed per song, not per part: all the song's wobbling parts run on the same tape.
        wobble = tone is { WobbleCents: > 0 } ? new TapeWobble(voiceRate, tone.WobbleCents, (uint)score.Seed ^ 0x7A9Eu) : null;
        events = Events();
        if (Sampled)
        {
            foreach (var e in events)
            {
                takes.Expect(e.Take);
            }
        }
    }

    private static bool HasChorus(Instrument instrument) =>
        instrument is Instrument.SupersawPad or Instrument.WarmPad or Instrument.Strings or Instrument.Choir or Instrument.ElectricPiano or Instrument.CleanGuitar;

    /// <summary>Pitched parts play takes (<see cref="NoteTakes"/>); drums and risers play their own one-shots and sweeps.</summary>
    private bool Sampled => part.Instrument is not (Instrument.DrumKit or Instrument.NoiseRiser);

    /// <summary>
    /// The part's notes in start order, each with its start and note-off frame and what its voice is made from. The
    /// held length is rounded once (not start and end apart), so that repeats of a note hold for the same frames.
    /// </summary>
    private (long Start, long End, NoteContext Note, NoteTakes.TakeKey Take, float Gain)[] Events()
    {
        var notes = part.Notes.Where(n => n.Duration > 0 && n.Velocity > 0).OrderBy(n => n.Start).ToArray();
        var events = new List<(long, long, NoteContext, NoteTakes.TakeKey, float)>(notes.Length);
        foreach (var note in notes)
        {
            var startSeconds = score.BeatToSeconds(note.Start);
            var start = (long)Math.Round(startSeconds * voiceRate);
            if (start < 0)
            {
                continue;
            }

            var hold = (long)Math.Round((score.BeatToSeconds(note.Start + note.Duration) - startSeconds) * voiceRate);
            var context = new NoteContext(
                note.Pitch,
                Math.Clamp(note.Velocity, 1, 127) / 127f,
                score.EnergyAt(note.Start),
                voiceRate,
                seed ^ (uint)(events.Count * 0x27D4EB2D + 1),
                hold / voiceRate)
            {
                GlideFrom = note.GlideFrom ?? note.Pitch,
                GlideSeconds = (float)note.GlideSeconds,
                CutoffOctaves = tone?.NoteCutoffOctaves?.Invoke(note.Start) ?? 0f,
                KeyTonic = note.KitTonic ?? score.KeyAt(note.Start).Tonic,
                HatTune = note.HatTune,
                Swell = note.Swell,
            };
            var (take, gain) = Sampled ? takes.KeyFor(part.Instrument, context, hold, seed) : default;
            events.Add((start, start + hold, context, take, gain));
        }

        return [.. events];
    }

    public Part Part => part;

    /// <summary>Balances instruments against each other before the composer's per-part gain.</summary>
    private static float BaseLevel(Instrument instrument) => instrument switch
    {
        Instrument.DrumKit => 0.9f,
        Instrument.SubBass or Instrument.SynthBass or Instrument.ReeseBass or Instrument.PluckBass or Instrument.UprightBass => 0.75f,
        Instrument.SupersawPad or Instrument.WarmPad or Instrument.Strings or Instrument.Choir => 0.32f,
        Instrument.NoiseRiser => 0.25f,
        Instrument.Organ => 0.35f,
        _ => 0.45f,
    };

    public void Render(long blockStart, int frames, StemBus bus)
    {
        // Below the song's rate the voices run ahead by the upsampler's lag: its first block takes that many frames more.
        var lead = upsampler is not null && blockStart == 0 ? upsampler.Lead : 0;
        var partFrames = upsampler is null ? frames : ((frames + divisor - 1) / divisor) + lead;
        var partStart = upsampler is null ? blockStart : lowCursor;
        var dry = (upsampler is null ? mono : low).AsSpan(0, partFrames);
        lowCursor += upsampler is null ? 0 : partFrames;
        dry.Clear();
        var silent = PlayVoices(partStart, dry);
        silentBlocks = silent ? silentBlocks + 1 : 0;
        if (tone?.CutoffHz is { } cutoff)
        {
            MoveCutoff(cutoff, blockStart, frames);
        }

        // A block with no voice is all zeros; with no filter ringing and no drive or wobble tail it reaches the chorus
        // as zeros, and adds nothing once the chorus's line holds only zeros too (pads and e-pianos sit out whole
        // sections), and the upsamplers' histories (when the part plays at half rate).
        if (silent && drive is null && (!lowCut || lowCutFilter.IsSilent) && (tone?.CutoffHz is null || silentBlocks > FilterTailBlocks) && (wobble is null || wobble.IsSilent))
        {
            var upsampled = (upsampler?.IsQuiet ?? true) && (upsamplerRight?.IsQuiet ?? true);
            if (chorus is null)
            {
                if (upsampled)
                {
                    return;
                }
            }
            else if (quietFrames >= chorus.Length && upsampled)
            {
                chorus.Skip(partFrames);
                return;
            }

            quietFrames = chorus is null ? 0 : Math.Min(quietFrames + partFrames, chorus.Length);
        }
        else
        {
            quietFrames = 0;
        }

        if (chorus is not null && tone?.ChorusWidth is { } width)
        {
            // Glided a block at a time: a step in depth is a step in the taps' delay, so the steps stay small.
            var target = width(BeatAt(blockStart, frames));
            if (chorusWidth != target)
            {
                chorusWidth += (target - chorusWidth) * (1f - MathF.Exp(-frames / (ChorusGlideSeconds * sampleRate)));
                chorusWidth = MathF.Abs(target - chorusWidth) < 1e-3f ? target : chorusWidth;
                // Wider also means wetter: the side signal is the wet share times the taps' difference.
                chorus.SetSweep(chorusRate / chorusWidth, chorusDepthMs * chorusWidth, chorusMix * (1f + ((chorusWidth - 1f) / 2f)));
            }
        }

        var left = dry;
        var right = Inserts(dry, partStart);
        if (upsampler is not null)
        {
            var block = mono.AsSpan(0, frames);
            upsampler.Process(left, block, first: blockStart == 0);
            left = block;
            if (upsamplerRight is not null)
            {
                var r = this.right.AsSpan(0, frames);
                upsamplerRight.Process(right, r, first: blockStart == 0);
                right = r;
            }
            else
            {
                right = block;
            }
        }

        if (tone?.Gate is { } targets)
        {
            ApplyGate(targets, left, right, blockStart, frames);
        }

        var gains = ducker is null ? default : ducker.Gains(blockStart, frames);
        var reverbSend = (float)Math.Clamp(part.ReverbSend, 0, 1);
        var delaySend = (float)Math.Clamp(part.DelaySend, 0, 1);
        if (tone?.DelayThrow is { } delayThrow)
        {
            throwLevel += (delayThrow(BeatAt(blockStart, frames)) - throwLevel) * (1f - MathF.Exp(-frames / (ThrowGlideSeconds * sampleRate)));
            delaySend = Math.Min(1f, delaySend * throwLevel);
        }

        var (toLeft, toRight) = tone?.PanDrift is { } drift ? Pan(part.Pan + drift(BeatAt(blockStart, frames))) : (panLeft, panRight);
        bus.Add(left, right, level * toLeft, level * toRight, reverbSend, delaySend, gains);
    }

    /// <summary>
    /// Starts the notes due in <paramref name="block"/> (frames from <paramref name="blockStart"/> at the voices' rate)
    /// and adds the sounding voices into it; true when no voice sounds (the block stays zeros).
    /// </summary>
    private bool PlayVoices(long blockStart, Span<float> block)
    {
        var frames = block.Length;
        var blockEnd = blockStart + frames;
        while (nextEvent < events.Length && events[nextEvent].Start < blockEnd)
        {
            var (start, end, note, take, gain) = events[nextEvent];
            nextEvent++;
            var voice = Sampled ? takes.Play(take, gain) : factory.Create(part.Instrument, note);
            if (voice is null)
            {
                continue;
            }

            if (voice is SampledDrumVoice { Sound: DrumSound.ClosedHat or DrumSound.PedalHat })
            {
                foreach (var (other, _, _) in active)
                {
                    if (other is SampledDrumVoice { Sound: DrumSound.OpenHat } open)
                    {
                        open.Choke();
                    }
                }
            }

            active.Add((voice, start, end));
            if (active.Count > MaxVoices)
            {
                active.RemoveAt(0);
            }
        }

        var silent = active.Count == 0;
        for (var i = active.Count - 1; i >= 0; i--)
        {
            var (voice, start, off) = active[i];
            var from = (int)Math.Max(0, start - blockStart);
            var offOffset = off - blockStart;
            bool alive;
            if (offOffset >= from && offOffset < frames)
            {
                voice.Render(block[from..(int)offOffset]);
                voice.NoteOff();
                alive = voice.Render(block[(int)offOffset..]);
            }
            else
            {
                alive = voice.Render(block[from..]);
            }

            if (!alive)
            {
                active.RemoveAt(i);
            }
        }

        return silent;
    }

    /// <summary>
    /// The part's inserts in place at the voices' rate, <paramref name="frame"/> being the block's first frame at that
    /// rate: tone filter, tape, low cut, drive, then the chorus, which makes it stereo. Returns the right channel: the
    /// chorus's, else <paramref name="block"/> itself.
    /// </summary>
    private Span<float> Inserts(Span<float> block, long frame)
    {
        if (tone?.CutoffHz is not null && silentBlocks <= FilterTailBlocks)
        {
            toneFilter.Process(block);
        }

        wobble?.Process(block, frame);
        if (lowCut)
        {
            lowCutFilter.Process(block);
        }

        drive?.Process(block);
        if (chorus is null)
        {
            return block;
        }

        var right = (upsampler is null ? this.right : lowRight).AsSpan(0, block.Length);
        chorus.Process(block, right);
        return right;
    }

    /// <summary>Constant-power gains for a pan position (−1 left … 1 right), both 1 in the middle.</summary>
    private static (float Left, float Right) Pan(double position)
    {
        var angle = (Math.Clamp((float)position, -1f, 1f) + 1f) * MathF.PI / 4f;
        return (MathF.Cos(angle) * MathF.Sqrt(2f), MathF.Sin(angle) * MathF.Sqrt(2f));
    }

    /// <summary>
    /// Multiplies the part's block by its gate: the target level set per sixteenth (<see cref="PartTone.Gate"/>), the
    /// level following it (<see cref="GateFollower"/>) so each chop opens and shuts without a click.
    /// </summary>
    private void ApplyGate(Func<double, float> targets, Span<float> left, Span<float> right, long blockStart, int frames)
    {
        var first = score.SecondsToBeat(blockStart / sampleRate);
        var step = (score.SecondsToBeat((blockStart + frames) / sampleRate) - first) / frames;
        var stereo = !left.Overlaps(right);
        for (var n = 0; n < frames;)
        {
            var beat = first + (n * step);
            var target = targets(beat + 1e-9);
            var end = Math.Min(frames, n + Math.Max(1, (int)Math.Ceiling(((Math.Floor((beat * 4) + 1e-9) + 1) / 4 - beat) / step)));
            gate.Apply(target, left[n..end], stereo ? right[n..end] : default);
            n = end;
        }
    }

    /// <summary>The beat at the middle of a block.</summary>
    private double BeatAt(long blockStart, int frames) => score.SecondsToBeat((blockStart + (frames / 2.0)) / sampleRate);

    /// <summary>
    /// Glides the tone filter's cutoff towards the curve's value at the block's middle (one-pole in octaves) and
    /// rebuilds the filter when it has moved by more than 1/2,000 (under a cent).
    /// </summary>
    private void MoveCutoff(Func<double, float> cutoff, long blockStart, int frames)
    {
        var target = MathF.Log2(Math.Clamp(cutoff(BeatAt(blockStart, frames)), 20f, voiceRate * 0.45f));
        cutoffOctaves = float.IsNaN(cutoffOctaves)
            ? target
            : cutoffOctaves + ((target - cutoffOctaves) * (1f - MathF.Exp(-frames / (CutoffGlideSeconds * sampleRate))));
        if (!(MathF.Abs(cutoffOctaves - appliedOctaves) < 7e-4f))
        {
            toneFilter.Set(MathF.Pow(2f, cutoffOctaves), tone!.FilterQ, voiceRate, bandPass: false);
            appliedOctaves = cutoffOctaves;
        }
    }
}
