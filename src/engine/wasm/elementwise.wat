;; The engine's CPU elementwise kernels with WebAssembly SIMD, in place on float32 data in this module's memory: Relu,
;; Step (ReLU's gradient mask), ReLU's gradient and batch norm with given statistics. Each walks whole 4-lane vectors:
;; the caller pads the data to a multiple of 4 floats and ignores the padding's results. Addresses are byte offsets.
;; Built into src/engine/wasm/elementwiseModule.ts by `npx tsx scripts/build-wasm.ts`.
(module
  (memory (export "memory") 1)

  ;; x = max(x, 0): NaN stays NaN, −0 becomes +0 (WebAssembly's max orders −0 below +0), as tfjs's Relu.
  (func (export "relu") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (loop $l
      (v128.store (local.get $p) (f32x4.max (v128.load (local.get $p)) (v128.const f32x4 0 0 0 0)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end))))))

  ;; x = x > 0 ? 1 : (x is NaN ? x : alpha), as tfjs's Step.
  (func (export "step") (param $p i32) (param $n i32) (param $alpha f32)
    (local $end i32) (local $v v128) (local $a v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (loop $l
      (local.set $v (v128.load (local.get $p)))
      (v128.store (local.get $p)
        (v128.bitselect
          (local.get $v)
          (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $a) (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0)))
          (f32x4.ne (local.get $v) (local.get $v))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end))))))

  ;; dy = dy · step(x), ReLU's gradient as tfjs computes it (Multiply of dy by Step with alpha 0), in one pass: the same
  ;; products (dy·1, dy·0 with its sign, NaN where x is NaN), written over dy.
  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $dy) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
    (loop $l
      (local.set $v (v128.load (local.get $x)))
      (v128.store (local.get $dy)
        (f32x4.mul
          (v128.load (local.get $dy))
          (v128.bitselect
            (local.get $v)
            (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0)))
            (f32x4.ne (local.get $v) (local.get $v)))))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $dy) (local.get $end))))))

  ;; x = offset + (x − mean)·scale / root per channel (channel = index mod c, c a multiple of 4), in float64 and in
  ;; that order, then rounded once to float32: the same values as the JavaScript kernel (cpuBatchNormInference.ts).
  ;; $prm: four float64 arrays of c values each, mean, root (= √(variance + ε)), scale, offset.
  (func (export "bnInference") (param $p i32) (param $n i32) (param $c i32) (param $prm i32)
    (local $end i32) (local $j i32) (local $cb i32) (local $pm i32) (local $pr i32) (local $ps i32) (local $po i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $q i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 3)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (loop $row
      (local.set $j (i32.const 0))
      (loop $col
        ;; channels j..j+3: parameters at byte j·8 of each array
        (local.set $q (i32.add (local.get $prm) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pm (local.get $q))
        (local.set $pr (i32.add (local.get $q) (local.get $cb)))
        (local.set $ps (i32.add (local.get $pr) (local.get $cb)))
        (local.set $po (i32.add (local.get $ps) (local.get $cb)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
        (local.set $lo (f64x2.add (v128.load (local.get $po))
          (f64x2.div (f64x2.mul (f64x2.sub (local.get $lo) (v128.load (local.get $pm))) (v128.load (local.get $ps))) (v128.load (local.get $pr)))))
        (local.set $hi (f64x2.add (v128.load offset=16 (local.get $po))
          (f64x2.div (f64x2.mul (f64x2.sub (local.get $hi) (v128.load offset=16 (local.get $pm))) (v128.load offset=16 (local.get $ps))) (v128.load offset=16 (local.get $pr)))))
        (v128.store (local.get $p)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $col (i32.lt_u (local.get $j) (local.get $c))))
      (br_if $row (i32.lt_u (local.get $p) (local.get $end))))))

  ;; Batch norm in training mode (cpuBatchNormKernels.ts's loops over its blocks of 4 channels), in float64, two
  ;; channels per lane pair, each channel's additions in the JavaScript kernel's order (rows in chunks of 64, a chunk's
  ;; sum added to the total), so the sums are the same numbers.
  ;; first[j] += Σ (p − cp_j), second[j] += Σ (p − cp_j)·(q − cq_j) for the columns j < cols (a multiple of 2, at most
  ;; c) over the rows of [n, c] float32 matrices p and q; cp, cq, first, second: float64 arrays of c values (first and
  ;; second start at 0).
  (func (export "pairSums") (param $p i32) (param $q i32) (param $n i32) (param $c i32) (param $cols i32)
    (param $cp i32) (param $cq i32) (param $first i32) (param $second i32)
    (local $r0 i32) (local $rEnd i32) (local $j i32) (local $off i32) (local $end i32) (local $rowB i32)
    (local $p0 v128) (local $q0 v128) (local $a v128) (local $b v128) (local $d v128)
    (local.set $rowB (i32.shl (local.get $c) (i32.const 2)))
    (local.set $r0 (i32.const 0))
    (block $done (br_if $done (i32.ge_s (local.get $r0) (local.get $n)))
    (loop $chunk
      (local.set $rEnd (i32.add (local.get $r0) (i32.const 64)))
      (if (i32.gt_s (local.get $rEnd) (local.get $n)) (then (local.set $rEnd (local.get $n))))
      (local.set $end (i32.mul (local.get $rEnd) (local.get $rowB)))
      (local.set $j (i32.const 0))
      (loop $col
        (local.set $p0 (v128.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $q0 (v128.load (i32.add (local.get $cq) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $a (v128.const i64x2 0 0))
        (local.set $b (v128.const i64x2 0 0))
        (local.set $off (i32.add (i32.mul (local.get $r0) (local.get $rowB)) (i32.shl (local.get $j) (i32.const 2))))
        (loop $row
          (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $off)))) (local.get $p0)))
          (local.set $a (f64x2.add (local.get $a) (local.get $d)))
          (local.set $b (f64x2.add (local.get $b) (f64x2.mul (local.get $d)
            (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $q) (local.get $off)))) (local.get $q0)))))
          (local.set $off (i32.add (local.get $off) (local.get $rowB)))
          (br_if $row (i32.lt_u (local.get $off) (local.get $end))))
        (v128.store (i32.add (local.get $first) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.add (v128.load (i32.add (local.get $first) (i32.shl (local.get $j) (i32.const 3)))) (local.get $a)))
        (v128.store (i32.add (local.get $second) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.add (v128.load (i32.add (local.get $second) (i32.shl (local.get $j) (i32.const 3)))) (local.get $b)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br_if $col (i32.lt_s (local.get $j) (local.get $cols))))
      (local.set $r0 (local.get $rEnd))
      (br_if $chunk (i32.lt_s (local.get $r0) (local.get $n))))))

  ;; out = u·a + v·b + shift per channel (index mod c, c a multiple of 2), in float64 and that order, rounded once;
  ;; u, v, out: float32 [n, c] (out may be u); a, b, shift: float64 arrays of c values.
  (func (export "affine") (param $u i32) (param $v i32) (param $out i32) (param $n i32) (param $c i32)
    (param $a i32) (param $b i32) (param $shift i32)
    (local $i i32) (local $total i32) (local $j i32) (local $jb i32)
    (local.set $total (i32.shl (i32.mul (local.get $n) (local.get $c)) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done (br_if $done (i32.ge_s (local.get $i) (local.get $total)))
    (loop $row
      (local.set $j (i32.const 0))
      (loop $col
        (local.set $jb (i32.shl (local.get $j) (i32.const 3)))
        (v128.store64_lane 0 (i32.add (local.get $out) (local.get $i))
          (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.add
                (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $u) (local.get $i)))) (v128.load (i32.add (local.get $a) (local.get $jb))))
                (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $i)))) (v128.load (i32.add (local.get $b) (local.get $jb)))))
              (v128.load (i32.add (local.get $shift) (local.get $jb))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br_if $col (i32.lt_s (local.get $j) (local.get $c))))
      (br_if $row (i32.lt_s (local.get $i) (local.get $total))))))
)
