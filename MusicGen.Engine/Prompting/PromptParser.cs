using System.Globalization;
using System.Text.RegularExpressions;
using MusicGen.Engine.Composition;
using MusicGen.Engine.Plans;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Prompting;

/// <summary>
/// Reads a free-text prompt ("dark techno 128 bpm in F minor, 45 seconds, no vocals") into a <see cref="MusicBrief"/>.
/// Unknown words are ignored; whatever the prompt leaves open is filled from the genre's template, deterministically
/// from the prompt text, so the same prompt always gives the same brief.
/// </summary>
public static partial class PromptParser
{
    private static readonly string[] NoteNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    /// <summary>Parses <paramref name="prompt"/>; an explicit <paramref name="lengthSeconds"/> or <paramref name="seed"/> wins over the text.</summary>
    /// <exception cref="ArgumentException">Empty prompt, prompt over 2,000 characters, or a length/tempo outside the allowed range.</exception>
    public static MusicBrief Parse(string prompt, double? lengthSeconds = null, ulong? seed = null)
    {
        BriefLimits.ValidatePrompt(prompt);
        if (lengthSeconds is { } explicitLength)
        {
            BriefLimits.ValidateLength(explicitLength, nameof(lengthSeconds));
        }

        var understood = new List<string>();
        var text = Normalise(prompt);
        var hash = Rng.StableHash(text);

        var (lyrics, lyricsText) = ExtractLyrics(prompt);
        if (lyricsText is not null)
        {
            text = Normalise(prompt[..prompt.IndexOf(lyricsText, StringComparison.Ordinal)]);
        }

        var genre = FindGenre(text, understood);
        var mood = FindMood(text, understood);
        var (included, excluded) = FindInstruments(text, understood);
        if (genre is null && included.Count == 1 && included[0] == Instrument.Piano)
        {
            genre = Genre.ClassicalPiano;
        }

        var resolvedGenre = genre ?? mood switch
        {
            Mood.Epic => Genre.Cinematic,
            Mood.Calm or Mood.Dreamy => Genre.Ambient,
            _ => Genre.Pop,
        };
        if (genre is null)
        {
            understood.Add($"genre: {GenreNames.Display(resolvedGenre)} (default for the prompt)");
        }

        var template = GenreTemplates.For(resolvedGenre);
        var bpm = FindBpm(text, understood) ?? DefaultBpm(template, text, mood, hash);
        var key = FindKey(prompt, understood, out var modeOnly) ?? DefaultKey(template, mood, modeOnly, hash);
        var meter = FindMeter(text, understood);
        var length = lengthSeconds ?? FindLength(text, understood) ?? BriefLimits.DefaultLengthSeconds;
        var parsedSeed = FindSeed(text, understood);
        var instrumental = FindInstrumental(text, lyrics.Count > 0, understood);

        return new MusicBrief
        {
            Prompt = prompt,
            Genre = resolvedGenre,
            Mood = mood ?? Mood.Neutral,
            Bpm = bpm,
            Key = key,
            Meter = meter,
            LengthSeconds = length,
            Instruments = included,
            ExcludedInstruments = excluded,
            EnergyBias = EnergyBias(mood, text),
            Instrumental = instrumental,
            Lyrics = lyrics,
            Seed = seed ?? parsedSeed ?? hash,
            Understood = understood,
        };
    }

    /// <summary>Makes a brief from a composition plan: styles are read like a prompt, the length is the plan's total, lines become lyrics.</summary>
    /// <exception cref="ArgumentException">The plan breaks ElevenLabs' limits.</exception>
    public static MusicBrief FromPlan(CompositionPlan plan, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var positive = string.Join(", ", plan.PositiveGlobalStyles);
        var local = string.Join(", ", plan.Sections.SelectMany(s => s.PositiveLocalStyles));
        var styleText = positive.Length > 0 ? positive : local;
        if (styleText.Length == 0)
        {
            styleText = string.Join(", ", plan.Sections.Select(s => s.SectionName));
        }

        if (styleText.Length > BriefLimits.MaxPromptLength)
        {
            styleText = styleText[..BriefLimits.MaxPromptLength];
        }

        var brief = Parse(styleText, plan.TotalDurationMs / 1000.0, seed);
        var negative = Normalise(string.Join(", ", plan.NegativeGlobalStyles));
        var excluded = brief.ExcludedInstruments.ToList();
        foreach (var (phrase, instrument) in Lexicon.Instruments)
        {
            if (ContainsWord(negative, phrase) && !excluded.Contains(instrument))
            {
                excluded.Add(instrument);
            }
        }

        var lines = plan.Sections.SelectMany(s => s.Lines).ToList();
        var vocalsUnwanted = ContainsWord(negative, "vocals") || ContainsWord(negative, "lyrics") || ContainsWord(negative, "vocal");
        return brief with
        {
            Prompt = styleText,
            Plan = plan,
            ExcludedInstruments = excluded,
            Instruments = brief.Instruments.Where(i => !excluded.Contains(i)).ToList(),
            Lyrics = lines,
            Instrumental = lines.Count == 0 && (vocalsUnwanted || brief.Instrumental),
        };
    }

    internal static string Normalise(string text) =>
        " " + WhitespaceRegex().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('–', '-'), " ").Trim() + " ";

    internal static bool ContainsWord(string normalisedText, string phrase) => IndexOfWord(normalisedText, phrase, 0) >= 0;

    private static int IndexOfWord(string text, string phrase, int from)
    {
        var index = text.IndexOf(phrase, from, StringComparison.Ordinal);
        while (index >= 0)
        {
            var before = index == 0 ? ' ' : text[index - 1];
            var afterIndex = index + phrase.Length;
            var after = afterIndex >= text.Length ? ' ' : text[afterIndex];
            if (!char.IsLetterOrDigit(before) && (!char.IsLetterOrDigit(after) || (after == 's' && IsBoundary(text, afterIndex + 1))))
            {
                return index;
            }

            index = text.IndexOf(phrase, index + 1, StringComparison.Ordinal);
        }

        return -1;
    }

    private static bool IsBoundary(string text, int index) => index >= text.Length || !char.IsLetterOrDigit(text[index]);

    private static Genre? FindGenre(string text, List<string> understood)
    {
        var scores = new Dictionary<Genre, (int Score, int First, string Word)>();
        var masked = text;
        foreach (var (phrase, genre, weight) in Lexicon.Genres.OrderByDescending(g => g.Phrase.Length))
        {
            var index = IndexOfWord(masked, phrase, 0);
            if (index < 0)
            {
                continue;
            }

            masked = masked[..index] + new string('_', phrase.Length) + masked[(index + phrase.Length)..];
            var current = scores.TryGetValue(genre, out var existing) ? existing : (Score: 0, First: int.MaxValue, Word: phrase);
            scores[genre] = (current.Score + weight, Math.Min(current.First, index), index < current.First ? phrase : current.Word);
        }

        if (scores.Count == 0)
        {
            return null;
        }

        var best = scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Value.First).First();
        understood.Add($"genre: {GenreNames.Display(best.Key)} (\"{best.Value.Word}\")");
        return best.Key;
    }

    private static Mood? FindMood(string text, List<string> understood)
    {
        var found = Lexicon.Moods
            .Select(m => (m.Phrase, m.Mood, Index: IndexOfWord(text, m.Phrase, 0)))
            .Where(m => m.Index >= 0)
            .OrderBy(m => m.Index)
            .FirstOrDefault();
        if (found.Phrase is null)
        {
            return null;
        }

        understood.Add($"mood: {found.Mood.ToString().ToLowerInvariant()} (\"{found.Phrase}\")");
        return found.Mood;
    }

    private static double EnergyBias(Mood? mood, string text)
    {
        var bias = mood switch
        {
            Mood.Calm or Mood.Dreamy => -0.15,
            Mood.Sad => -0.1,
            Mood.Energetic => 0.15,
            Mood.Epic => 0.1,
            _ => 0.0,
        };
        if (ContainsWord(text, "minimal") || ContainsWord(text, "sparse"))
        {
            bias -= 0.05;
        }

        return Math.Clamp(bias, -0.3, 0.3);
    }

    private static (List<Instrument> Included, List<Instrument> Excluded) FindInstruments(string text, List<string> understood)
    {
        var included = new List<Instrument>();
        var excluded = new List<Instrument>();
        foreach (var genreName in new[] { "drum and bass", "drum & bass", "drum n bass", "drum 'n' bass", "drum'n'bass", "drum n' bass" })
        {
            text = text.Replace(genreName, "dnb", StringComparison.Ordinal);
        }

        var tokens = TokenRegex().Matches(text).Select(m => m.Value).ToList();
        var negating = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (Lexicon.Negations.Contains(token))
            {
                negating = true;
                continue;
            }

            var match = MatchInstrument(tokens, i);
            if (match is { } found)
            {
                var target = negating ? excluded : included;
                if (!target.Contains(found.Instrument))
                {
                    target.Add(found.Instrument);
                }

                i += found.Tokens - 1;
                continue;
            }

            if (token.EndsWith("less", StringComparison.Ordinal) && token.Length > 4 && MatchInstrument([token[..^4]], 0) is { } less)
            {
                excluded.Add(less.Instrument);
                continue;
            }

            if (!Lexicon.NegationGlue.Contains(token))
            {
                negating = false;
            }
        }

        included.RemoveAll(excluded.Contains);
        if (included.Count > 0)
        {
            understood.Add("instruments: " + string.Join(", ", included));
        }

        if (excluded.Count > 0)
        {
            understood.Add("excluded: " + string.Join(", ", excluded));
        }

        return (included, excluded);
    }

    private static (Instrument Instrument, int Tokens)? MatchInstrument(IReadOnlyList<string> tokens, int start)
    {
        foreach (var (phrase, instrument) in Lexicon.Instruments.OrderByDescending(p => p.Phrase.Length))
        {
            var words = phrase.Split(' ');
            if (start + words.Length > tokens.Count)
            {
                continue;
            }

            var matches = true;
            for (var w = 0; w < words.Length && matches; w++)
            {
                var token = tokens[start + w];
                matches = token == words[w] || (w == words.Length - 1 && token == words[w] + "s");
            }

            if (matches)
            {
                return (instrument, words.Length);
            }
        }

        return null;
    }

    private static double? FindBpm(string text, List<string> understood)
    {
        var match = BpmRegex().Match(text);
        if (!match.Success)
        {
            var tempoWord = TempoWordRegex().Match(text);
            if (tempoWord.Success)
            {
                understood.Add($"tempo word: \"{tempoWord.Value.Trim()}\"");
            }

            return null;
        }

        var value = double.Parse(match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Value, CultureInfo.InvariantCulture);
        BriefLimits.ValidateBpm(value);
        understood.Add($"tempo: {value.ToString("0.#", CultureInfo.InvariantCulture)} BPM");
        return value;
    }

    private static double DefaultBpm(GenreTemplate template, string text, Mood? mood, ulong hash)
    {
        double min = template.MinBpm, max = template.MaxBpm;
        if (template.Genre == Genre.HipHop)
        {
            (min, max) = ContainsWord(text, "trap") || ContainsWord(text, "drill") ? (130, 150) : (85, 95);
        }
        else if (template.Genre == Genre.Jazz)
        {
            (min, max) = ContainsWord(text, "ballad") || mood is Mood.Sad or Mood.Romantic or Mood.Calm ? (60, 80) : (110, 160);
        }

        var position = mood switch
        {
            Mood.Energetic or Mood.Happy => 0.7,
            Mood.Epic => 0.6,
            Mood.Calm or Mood.Sad or Mood.Dreamy => 0.25,
            Mood.Dark or Mood.Mysterious => 0.45,
            _ => template.Genre == Genre.DrumAndBass ? 0.7 : 0.5,
        };
        var tempoWord = TempoWordRegex().Match(text);
        if (tempoWord.Success)
        {
            position = tempoWord.Value.Trim() switch
            {
                "slow" or "slowly" or "downtempo" or "slower" => 0.05,
                "fast" or "uptempo" or "up-tempo" or "faster" or "quick" or "rapid" => 0.95,
                _ => 0.5,
            };
        }

        position += ((hash % 1000) / 1000.0 - 0.5) * 0.2;
        return Math.Round(min + (Math.Clamp(position, 0, 1) * (max - min)));
    }

    private static Key? FindKey(string prompt, List<string> understood, out Mode? modeOnly)
    {
        modeOnly = null;
        foreach (var regex in new[] { KeyAfterInRegex(), KeyStandaloneRegex(), KeyChordSymbolRegex() })
        {
            foreach (Match match in regex.Matches(prompt))
            {
                var letter = match.Groups["letter"].Value;
                var modeWord = match.Groups["mode"].Success ? match.Groups["mode"].Value.ToLowerInvariant() : "";
                var accidental = match.Groups["acc"].Success ? match.Groups["acc"].Value.Trim().ToLowerInvariant().TrimStart('-') : "";
                if (char.IsLower(letter[0]) && modeWord.Length == 0 && accidental.Length == 0)
                {
                    continue;
                }

                var tonic = char.ToUpperInvariant(letter[0]) switch
                {
                    'C' => 0, 'D' => 2, 'E' => 4, 'F' => 5, 'G' => 7, 'A' => 9, _ => 11,
                };
                tonic += accidental switch
                {
                    "#" or "♯" or "sharp" => 1,
                    "b" or "♭" or "flat" => -1,
                    _ => 0,
                };
                var key = new Key(((tonic % 12) + 12) % 12, ModeFromWord(modeWord) ?? Mode.Major);
                understood.Add($"key: {key}");
                return key;
            }
        }

        var modeMatch = ModeOnlyRegex().Match(prompt);
        if (modeMatch.Success)
        {
            modeOnly = ModeFromWord(modeMatch.Groups["mode"].Value.ToLowerInvariant());
            understood.Add($"mode: {modeOnly.ToString()!.ToLowerInvariant()}");
        }

        return null;
    }

    private static Mode? ModeFromWord(string word) => word switch
    {
        "major" or "maj" or "ionian" => Mode.Major,
        "minor" or "min" or "m" or "aeolian" => Mode.Minor,
        "dorian" => Mode.Dorian,
        "phrygian" => Mode.Phrygian,
        "lydian" => Mode.Lydian,
        "mixolydian" => Mode.Mixolydian,
        _ => null,
    };

    private static Key DefaultKey(GenreTemplate template, Mood? mood, Mode? modeOnly, ulong hash)
    {
        var mode = modeOnly ?? mood switch
        {
            Mood.Happy or Mood.Romantic => template.DefaultMode is Mode.Lydian or Mode.Mixolydian ? template.DefaultMode : Mode.Major,
            Mood.Sad or Mood.Dark or Mood.Epic => Mode.Minor,
            Mood.Mysterious => template.Genre is Genre.Techno or Genre.Cinematic ? Mode.Phrygian : Mode.Dorian,
            _ => template.DefaultMode,
        };
        if (template.Genre == Genre.Funk && mode == Mode.Minor)
        {
            mode = Mode.Dorian;
        }

        var tonic = template.CommonTonics[(int)((hash >> 16) % (ulong)template.CommonTonics.Length)];
        return new Key(tonic, mode);
    }

    private static Meter FindMeter(string text, List<string> understood)
    {
        Meter? meter = null;
        if (text.Contains("3/4", StringComparison.Ordinal) || ContainsWord(text, "waltz") || ContainsWord(text, "three-four"))
        {
            meter = Meter.ThreeFour;
        }
        else if (text.Contains("6/8", StringComparison.Ordinal) || ContainsWord(text, "six-eight") || ContainsWord(text, "compound time"))
        {
            meter = Meter.SixEight;
        }
        else if (text.Contains("4/4", StringComparison.Ordinal))
        {
            meter = Meter.FourFour;
        }

        if (meter is { } found)
        {
            understood.Add($"meter: {found}");
            return found;
        }

        return Meter.FourFour;
    }

    private static double? FindLength(string text, List<string> understood)
    {
        double? seconds = null;
        var clock = ClockLengthRegex().Match(text);
        if (clock.Success)
        {
            seconds = (int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) * 60) + int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            foreach (Match match in LengthRegex().Matches(text))
            {
                var raw = match.Groups["n"].Value;
                var unit = match.Groups["unit"].Value;
                if (unit == "s" && match.Groups["gap"].Value.Length == 0 && (raw is "50" or "60" or "70" or "80" or "90" || (raw.Length >= 3 && raw.All(char.IsDigit) && int.Parse(raw, CultureInfo.InvariantCulture) > 600)))
                {
                    continue;
                }

                var number = Lexicon.NumberWords.FirstOrDefault(w => w.Phrase == raw) is { Phrase: not null } word
                    ? (word.Value == 0 ? 0.5 : word.Value)
                    : double.Parse(raw, CultureInfo.InvariantCulture);
                var value = unit.StartsWith('m') ? number * 60 : number;
                var extra = match.Groups["sec"].Success ? double.Parse(match.Groups["sec"].Value, CultureInfo.InvariantCulture) : 0;
                seconds = (seconds ?? 0) + value + extra;
                break;
            }
        }

        if (seconds is { } found)
        {
            BriefLimits.ValidateLength(found, "prompt");
            understood.Add($"length: {found.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }

        return seconds;
    }

    private static ulong? FindSeed(string text, List<string> understood)
    {
        var match = SeedRegex().Match(text);
        if (!match.Success || !ulong.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var seed))
        {
            return null;
        }

        understood.Add($"seed: {seed}");
        return seed;
    }

    private static bool FindInstrumental(string text, bool hasLyrics, List<string> understood)
    {
        if (hasLyrics)
        {
            understood.Add("lyrics: given");
            return false;
        }

        if (InstrumentalRegex().IsMatch(text))
        {
            understood.Add("instrumental");
            return true;
        }

        if (VocalRegex().IsMatch(text))
        {
            understood.Add("with vocals");
            return false;
        }

        return true;
    }

    private static (List<string> Lines, string? Source) ExtractLyrics(string prompt)
    {
        var match = LyricsRegex().Match(prompt);
        if (!match.Success)
        {
            return ([], null);
        }

        var body = match.Groups["body"].Value;
        var lines = body.Split(['\n', '/', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Length > 0)
            .Select(l => l.Length > 200 ? l[..200] : l)
            .ToList();
        return (lines, match.Value);
    }

    internal static string NoteName(int pitchClass) => NoteNames[((pitchClass % 12) + 12) % 12];

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"[a-z0-9'&#+\-]+|[,/]")]
    private static partial Regex TokenRegex();

    [GeneratedRegex(@"(?<a>\d{2,3}(?:\.\d+)?)\s*-?\s*(?:bpm|beats per minute|beats a minute)\b|\b(?:bpm|tempo)\s*(?:of|:|=|at|is)?\s*(?<b>\d{2,3}(?:\.\d+)?)\b")]
    private static partial Regex BpmRegex();

    [GeneratedRegex(@"\b(slow|slowly|slower|downtempo|fast|faster|uptempo|up-tempo|quick|rapid|mid-tempo|midtempo|medium tempo|moderate)\b")]
    private static partial Regex TempoWordRegex();

    [GeneratedRegex(@"\b(?:in(?:\s+the)?(?:\s+key\s+of)?|key(?:\s+of)?|key:)\s+(?<letter>[A-Ga-g])(?<acc>#|♯|♭|b(?=\s|$|m\b|[,.;)]|maj|min)|-?\s?sharp|-?\s?flat)?(?:\s*(?<mode>major|minor|maj|min|dorian|phrygian|lydian|mixolydian|aeolian|ionian)|(?<mode>m)\b)?(?![a-zA-Z0-9#])")]
    private static partial Regex KeyAfterInRegex();

    [GeneratedRegex(@"(?<![A-Za-z])(?<letter>[A-G])(?<acc>#|♯|♭|b|-?\s?sharp|-?\s?flat)?\s*(?<mode>major|minor|dorian|phrygian|lydian|mixolydian|aeolian|ionian)\b", RegexOptions.IgnoreCase)]
    private static partial Regex KeyStandaloneRegex();

    [GeneratedRegex(@"(?<![A-Za-z])(?<letter>[A-G])(?<acc>#|b)?(?<mode>m|maj|min)(?![A-Za-z0-9])")]
    private static partial Regex KeyChordSymbolRegex();

    [GeneratedRegex(@"\b(?:in\s+(?:a\s+)?)?(?<mode>major|minor|dorian|phrygian|lydian|mixolydian)(?:\s+(?:key|mode|scale|tonality))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ModeOnlyRegex();

    [GeneratedRegex(@"(?<![\d:])(?<m>\d{1,2}):(?<s>[0-5]\d)(?![\d:])")]
    private static partial Regex ClockLengthRegex();

    [GeneratedRegex(@"(?<![\w.])(?<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half a|a half|an|a)(?<gap>\s*-?\s*)(?<unit>minutes|minute|mins|min|m|seconds|second|secs|sec|s)(?:\s*(?:and\s*)?(?<sec>\d{1,2})\s*(?:seconds|second|secs|sec|s))?(?![a-z0-9])")]
    private static partial Regex LengthRegex();

    [GeneratedRegex(@"\bseed\s*(?:=|:|#|of|is)?\s*(?<n>\d{1,20})\b")]
    private static partial Regex SeedRegex();

    [GeneratedRegex(@"\b(instrumental|no vocals?|no lyrics|without vocals?|without lyrics|no singing|no voice)\b")]
    private static partial Regex InstrumentalRegex();

    [GeneratedRegex(@"\b(vocals?|singing|singer|sung|with lyrics|lyrics about|sings|rapper|rapping)\b")]
    private static partial Regex VocalRegex();

    [GeneratedRegex(@"\blyrics\s*:\s*(?<body>[\s\S]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LyricsRegex();
}
