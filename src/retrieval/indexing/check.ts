/**
 * `batuta index --check`: whether what searches rely on can be used as it is (the index database's pages,
 * each collection's HNSW file against the digest written with it, each adapted model's files against
 * their manifest), each problem with the command that repairs it, and chunks still without vectors (a run
 * stopped between its text and its vectors, or `--no-dense`) with the run that adds them: not damage, so the
 * check stays ok. It reads and changes nothing.
 */
import { describeError } from '../../errors.js';
import { IndexStore } from '../../store/index-store.js';
import { adaptedModelProblem } from '../adapt/store.js';
import { checkHnswFile, digestOf } from '../dense/hnsw-file.js';
import { collectionFiles, vectorFile } from '../dense/vector-files.js';

/** One checked part: fine, or what is wrong with it. */
export interface CheckedPart {
  readonly ok: boolean;
  readonly problem?: string;
}

export interface CollectionCheck {
  readonly name: string;
  readonly root: string;
  readonly vectors: CheckedPart;
  readonly model: CheckedPart;
  /** Chunks stored without a vector: searches use BM25 alone for them until a run embeds them. */
  readonly withoutVectors: number;
  /** The command that repairs what is wrong or adds the missing vectors, when something is or they are. */
  readonly repair?: string;
}

export interface IndexCheck {
  readonly db: string;
  readonly ok: boolean;
  readonly database: CheckedPart & { readonly repair?: string };
  readonly collections: CollectionCheck[];
}

const fine: CheckedPart = { ok: true };
const wrong = (problem: string): CheckedPart => ({ ok: false, problem });

/** Checks the index database at `dbPath` and every collection's files. */
export function checkIndex(dbPath: string): IndexCheck {
  const pages = IndexStore.checkFile(dbPath);
  if (pages !== null) {
    const repair = `batuta index DIR --db ${dbPath}`;
    return { db: dbPath, ok: false, database: { ...wrong(pages), repair }, collections: [] };
  }
  let store: IndexStore;
  try {
    store = IndexStore.open(dbPath, { readOnly: true });
  } catch (error) {
    return { db: dbPath, ok: false, database: wrong(describeError(error)), collections: [] };
  }
  try {
    const collections = store.listCollections().map((row): CollectionCheck => {
      const { vectorStem, modelDir } = collectionFiles(dbPath, row.name);
      const model = adaptedModelProblem(modelDir);
      const vectors =
        row.embedder === null ? fine : checkVectors(store, row.id, vectorFile(vectorStem, row.embedder));
      const checked = {
        name: row.name,
        root: row.root,
        vectors,
        model: model === null ? fine : wrong(model),
        withoutVectors: store.getCollectionById(row.id)?.pendingVectors ?? 0,
      };
      if (vectors.ok && model === null && checked.withoutVectors === 0) return checked;
      return { ...checked, repair: `batuta index ${row.root} --name ${row.name} --db ${dbPath}` };
    });
    const ok = collections.every((c) => c.vectors.ok && c.model.ok);
    return { db: dbPath, ok, database: fine, collections };
  } finally {
    store.close();
  }
}

function checkVectors(store: IndexStore, collectionId: number, path: string): CheckedPart {
  const check = checkHnswFile(path, null, digestOf(store.vectorFileState(collectionId)));
  if (check.ok) return fine;
  return wrong(`the vector file ${path} ${check.missing ? 'is missing' : `is damaged: ${check.reason}`}`);
}
