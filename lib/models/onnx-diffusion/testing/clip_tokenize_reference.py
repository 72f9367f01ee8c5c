# Independent reference for clip-tokenizer.test.ts: OpenAI CLIP's simple_tokenizer.py logic
# (without ftfy / html.unescape), Python's `regex` module, the tiny vocab of tiny-vocab.ts rebuilt
# here from scratch. Usage: python3 clip_tokenize_reference.py cases.json  (a JSON list of strings)
# prints {text: ids}. Not run by the test suite; it is how the TRICKY table's ids were produced.
import json, regex as re, unicodedata
def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~")+1))+list(range(ord("¡"), ord("¬")+1))+list(range(ord("®"), ord("ÿ")+1))
    cs = bs[:]; n = 0
    for b in range(256):
        if b not in bs: bs.append(b); cs.append(256+n); n += 1
    return dict(zip(bs, [chr(c) for c in cs]))
merges = [("c","a"),("ca","t</w>"),("a","t</w>"),("t","h"),("th","e</w>"),("d","o"),("do","g</w>"),("r","e"),("re","d</w>"),("'","s</w>"),("!","!</w>"),("p","h"),("o","t"),("ph","ot"),("phot","o</w>")]
be = bytes_to_unicode()
vocab = list(be.values()); vocab = vocab + [v+'</w>' for v in vocab]
for m in merges: vocab.append(''.join(m))
vocab.extend(['<|startoftext|>', '<|endoftext|>'])
encoder = dict(zip(vocab, range(len(vocab))))
ranks = dict(zip(merges, range(len(merges))))
pat = re.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""", re.IGNORECASE)
def get_pairs(w): return set(zip(w[:-1], w[1:]))
def bpe(token):
    if token in ('<|startoftext|>','<|endoftext|>'): return token
    word = tuple(token[:-1]) + (token[-1] + '</w>',)
    pairs = get_pairs(word)
    if not pairs: return token+'</w>'
    while True:
        bigram = min(pairs, key=lambda p: ranks.get(p, float('inf')))
        if bigram not in ranks: break
        first, second = bigram; new=[]; i=0
        while i < len(word):
            try: j = word.index(first, i); new.extend(word[i:j]); i = j
            except ValueError: new.extend(word[i:]); break
            if word[i]==first and i < len(word)-1 and word[i+1]==second: new.append(first+second); i+=2
            else: new.append(word[i]); i+=1
        word = tuple(new)
        if len(word)==1: break
        pairs = get_pairs(word)
    return ' '.join(word)
def encode(text):
    text = unicodedata.normalize('NFC', text)
    text = re.sub(r'\s+', ' ', text).strip().lower()
    out=[]
    for tok in re.findall(pat, text):
        tok = ''.join(be[b] for b in tok.encode('utf-8'))
        out.extend(encoder[t] for t in bpe(tok).split(' '))
    return out
import sys
cases = json.load(open(sys.argv[1]))
print(json.dumps({c: encode(c) for c in cases}, ensure_ascii=True))
