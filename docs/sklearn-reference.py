"""scikit-learn reference figures on exactly the rows `npm run eval` uses (BENCHMARKS.md).

  /usr/bin/python3 docs/sklearn-reference.py [DATA_DIR]   # default ../shared/data; Debian: apt-get install python3-sklearn

Airline: stratified 5-fold cross-validation, predictions pooled (as `npm run eval -- --folds 5`).
Emotion: train.txt -> val.txt (as `npm run eval -- --train train.txt --test val.txt`).
Speed: predictions per second of a fitted pipeline (vectorizer + model) on the test texts, once warm,
also per second of CPU time, so it compares with the "predict/s warm" figure of `npm run eval`.
MultinomialNB and ComplementNB keep scikit-learn's default alpha (1.0).
"""
import csv, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import MultinomialNB, ComplementNB
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"

def read(path, text, label, delimiter=","):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter=delimiter) if r[text].strip() and r[label].strip()]
    return [r[text] for r in rows], [r[label].strip() for r in rows]

models = {
    "MultinomialNB (counts, 1-2 grams)": lambda: make_pipeline(CountVectorizer(ngram_range=(1, 2)), MultinomialNB()),
    "ComplementNB (counts, 1-2 grams)": lambda: make_pipeline(CountVectorizer(ngram_range=(1, 2)), ComplementNB()),
    "LinearSVC (TF-IDF, 1-2 grams)": lambda: make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC()),
}

def warm_rate(model, texts):
    """Predictions per second of wall-clock time and per second of this process's CPU time."""
    model.predict(texts)
    n, t0, c0 = 0, time.perf_counter(), time.process_time()
    while n < 100_000:
        model.predict(texts)
        n += len(texts)
    return n / (time.perf_counter() - t0), n / (time.process_time() - c0)

x, y = read(f"{data}/airline-tweets/tweets.csv", "text", "airline_sentiment")
for name, make in models.items():
    pred = cross_val_predict(make(), x, y, cv=StratifiedKFold(5, shuffle=True, random_state=42))
    print(f"airline 5-fold  {name:34s} acc {accuracy_score(y, pred):.3f}  macro-F1 {f1_score(y, pred, average='macro'):.3f}")

xt, yt = read(f"{data}/emotion/train.txt", "text", "label_name", ";")
xv, yv = read(f"{data}/emotion/val.txt", "text", "label_name", ";")
for name, make in models.items():
    t0 = time.perf_counter()
    model = make().fit(xt, yt)
    train_s = time.perf_counter() - t0
    pred = model.predict(xv)
    wall, cpu = warm_rate(model, xv)
    print(f"emotion val     {name:34s} acc {accuracy_score(yv, pred):.3f}  macro-F1 {f1_score(yv, pred, average='macro'):.3f}  train {train_s:.1f} s  warm {wall:,.0f} predictions/s ({cpu:,.0f} per cpu-s)")
